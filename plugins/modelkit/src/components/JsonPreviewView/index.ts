export { JsonPreviewView } from './JsonPreviewView';
