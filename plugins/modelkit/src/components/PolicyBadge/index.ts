export { PolicyBadge } from './PolicyBadge';
