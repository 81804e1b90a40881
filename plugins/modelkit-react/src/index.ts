/**
 * Reusable pieces of the Kitstage frontend, for building your own pages or
 * plugins on Kitstage data: the ApiRefs of the `modelkit` backend, hooks that
 * load ModelKit versions, attestations, lineage, deployments and promotions,
 * and presentational components such as digests, policy badges, version
 * pickers, layer tables and the lineage graph.
 *
 * @remarks
 *
 * `@kitstage/plugin-modelkit` wires these into entity pages, cards and the
 * fleet page. Apps provide the APIs by installing that plugin, or with their
 * own API factories.
 *
 * @packageDocumentation
 */

export * from './api';
export * from './hooks';
export * from './components';
export * from './lib';
