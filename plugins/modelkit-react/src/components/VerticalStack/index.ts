export { VerticalStack } from './VerticalStack';
