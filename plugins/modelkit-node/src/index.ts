/**
 * Node library shared by the Kitstage backend modules.
 *
 * @packageDocumentation
 */

export * from './registry';
export * from './layout';
export * from './modelkit';
