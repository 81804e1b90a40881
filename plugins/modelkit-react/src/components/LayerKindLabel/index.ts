export { LayerKindLabel } from './LayerKindLabel';
