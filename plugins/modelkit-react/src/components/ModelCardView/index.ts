export { ModelCardView } from './ModelCardView';
