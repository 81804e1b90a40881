export type { OciReference, ParseOciReferenceOptions } from './OciReference';
export {
  DEFAULT_OCI_REGISTRY,
  MODELKIT_DEFAULT_REGISTRY,
} from './OciReference';
export { InvalidOciReferenceError } from './InvalidOciReferenceError';
export { quoteInMessage } from './quoteInMessage';
export { isValidOciDigest, isValidOciTag } from './components';
export {
  parseOciReference,
  parseOciRepository,
  tryParseOciReference,
} from './parseOciReference';
export {
  formatFamiliarOciReference,
  formatOciReference,
  formatOciRepository,
  getOciRepository,
  isOciRepositoryOnly,
  withOciDigest,
  withOciTag,
} from './formatOciReference';
export {
  formatFamiliarModelKitReference,
  parseModelKitReference,
  tryParseModelKitReference,
} from './modelKitReference';
export { formatKitUri, isKitUri, KIT_URI_PREFIX, parseKitUri } from './kitUri';
export { ociReferenceStringSchema, ociRepositoryStringSchema } from './schemas';
