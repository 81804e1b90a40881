export { DeployedModelKitList } from './DeployedModelKitList';
