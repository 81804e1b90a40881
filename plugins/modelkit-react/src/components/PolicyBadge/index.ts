export { PolicyBadge, policyBadgeStatus } from './PolicyBadge';
export type { PolicyBadgeStatus, PolicyBadgeValue } from './PolicyBadge';
