export { ModelKitContentsContent } from './ModelKitContentsContent';
