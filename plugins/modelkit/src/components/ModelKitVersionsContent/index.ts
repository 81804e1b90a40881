export { ModelKitVersionsContent } from './ModelKitVersionsContent';
