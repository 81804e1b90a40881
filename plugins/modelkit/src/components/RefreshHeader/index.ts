export { RefreshHeader, RefreshProgress } from './RefreshHeader';
