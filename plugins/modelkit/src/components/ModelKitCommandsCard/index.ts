export { ModelKitCommandsCard } from './ModelKitCommandsCard';
