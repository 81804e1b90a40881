export { AttestationStateCounts } from './AttestationStateCounts';
