export { HealthReasonList } from './HealthReasonList';
