export { VersionPolicyBadge } from './VersionPolicyBadge';
