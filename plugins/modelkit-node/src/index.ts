/**
 * Node library shared by the Kitstage backend modules.
 *
 * @packageDocumentation
 */

export * from './access';
export * from './attestation';
export * from './files';
export * from './git';
export * from './registry';
export * from './layout';
export * from './modelkit';
export * from './promotion';
export * from './policy';
