export { ModelKitAboutCard } from './ModelKitAboutCard';
