export { AttestationPolicyPanel } from './AttestationPolicyPanel';
