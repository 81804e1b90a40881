export { VersionTags } from './VersionTags';
