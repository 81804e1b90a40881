export { DigestText } from './DigestText';
