export { ModelKitSecurityContent } from './ModelKitSecurityContent';
