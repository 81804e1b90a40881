export { ModelKitVersionSummaryCard } from './ModelKitVersionSummaryCard';
