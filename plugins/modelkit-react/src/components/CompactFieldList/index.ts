export { CompactFieldList } from './CompactFieldList';
