export { CopyableCommand } from './CopyableCommand';
