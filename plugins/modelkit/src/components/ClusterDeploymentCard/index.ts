export { ClusterDeploymentCard } from './ClusterDeploymentCard';
