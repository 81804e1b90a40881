export { ModelKitLineageCard } from './ModelKitLineageCard';
