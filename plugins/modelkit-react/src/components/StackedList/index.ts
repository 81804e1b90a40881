export { StackedList } from './StackedList';
