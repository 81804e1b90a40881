export { SafeMarkdown } from './SafeMarkdown';
export { safeMarkdownUri } from './safeMarkdownUri';
