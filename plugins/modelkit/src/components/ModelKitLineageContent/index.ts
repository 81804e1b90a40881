export { ModelKitLineageContent } from './ModelKitLineageContent';
