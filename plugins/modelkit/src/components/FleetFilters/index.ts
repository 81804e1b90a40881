export { FleetFilters } from './FleetFilters';
