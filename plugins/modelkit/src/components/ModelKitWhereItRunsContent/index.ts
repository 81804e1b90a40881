export { ModelKitWhereItRunsContent } from './ModelKitWhereItRunsContent';
