export { ClusterTitle } from './ClusterTitle';
