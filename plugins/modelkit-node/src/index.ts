/**
 * Node library shared by the Kitstage backend modules.
 *
 * @packageDocumentation
 */

export * from './attestation';
export * from './registry';
export * from './layout';
export * from './modelkit';
export * from './promotion';
