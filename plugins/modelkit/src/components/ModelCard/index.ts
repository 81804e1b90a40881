export { ModelCardContent, ModelCardView } from './ModelCardContent';
export { SafeMarkdown } from './SafeMarkdown';
export { safeMarkdownUri } from './safeMarkdown';
