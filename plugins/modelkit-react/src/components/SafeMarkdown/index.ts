export { SafeMarkdown } from './SafeMarkdown';
export { safeMarkdownUri } from './safeMarkdown';
