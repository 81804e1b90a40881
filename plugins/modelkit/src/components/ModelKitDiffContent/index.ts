export { ModelKitDiffContent } from './ModelKitDiffContent';
