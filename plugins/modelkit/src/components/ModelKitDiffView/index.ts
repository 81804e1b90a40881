export { ModelKitDiffView } from './ModelKitDiffView';
