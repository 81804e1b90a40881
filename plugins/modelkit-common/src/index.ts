/**
 * Isomorphic types, schemas and parsers shared by the Kitstage plugins.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './attestation';
export * from './client';
export * from './deployments';
export * from './entity';
export * from './health';
export * from './kitfile';
export * from './lineage';
export * from './metrics';
export * from './modelcard';
export * from './permissions';
export * from './promotion';
export * from './reference';
