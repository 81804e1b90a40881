export { readFileHandleUpTo } from './readFileHandleUpTo';
