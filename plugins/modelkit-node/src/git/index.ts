export * from './GitRemotePolicy';
export * from './remoteUrl';
export * from './runGit';
