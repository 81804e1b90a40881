export { ClusterErrorsAlert } from './ClusterErrorsAlert';
