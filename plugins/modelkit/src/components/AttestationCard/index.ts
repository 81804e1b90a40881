export { AttestationCard } from './AttestationCard';
