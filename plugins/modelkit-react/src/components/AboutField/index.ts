export { AboutField, AboutFieldList } from './AboutField';
