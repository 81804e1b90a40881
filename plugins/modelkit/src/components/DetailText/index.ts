export { DetailText } from './DetailText';
