export { AttestationSummaryView } from './AttestationSummaryView';
