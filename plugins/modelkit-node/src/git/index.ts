export {
  ANNOTATION_DEPLOY_REPOSITORY,
  checkGitBranch,
  GitRemotePolicy,
} from './GitRemotePolicy';
export type { GitRemote } from './GitRemotePolicy';
export { isGitRemoteUnder, parseGitRemoteUrl } from './remoteUrl';
export type { GitRemoteUrl } from './remoteUrl';
export { cloneBranchTip, runGit } from './runGit';
export type { RunGitOptions } from './runGit';
