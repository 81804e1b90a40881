export { GroupModelKitsCard } from './GroupModelKitsCard';
