export { ComponentDeploymentsContent } from './ComponentDeploymentsContent';
