export { ModelKitRelationsCard } from './ModelKitRelationsCard';
