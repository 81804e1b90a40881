/**
 * Isomorphic types, schemas and parsers shared by the Kitstage plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
