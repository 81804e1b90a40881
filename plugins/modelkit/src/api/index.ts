export { modelkitApiRef } from './modelkitApiRef';
