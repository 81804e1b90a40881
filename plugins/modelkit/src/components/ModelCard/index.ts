export { ModelCardContent } from './ModelCardContent';
