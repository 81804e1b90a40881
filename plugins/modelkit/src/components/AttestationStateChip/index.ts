export {
  AttestationStateChip,
  verificationStateOf,
} from './AttestationStateChip';
