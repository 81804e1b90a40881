/**
 * The Kitstage backend plugin: a REST API over ModelKit registries and clusters.
 *
 * @packageDocumentation
 */

export { modelkitPlugin as default } from './plugin';
export * from './deprecatedPolicyStatus';
export * from './promotion';
export * from './search';
export { decideModelKitDeploymentActions } from './deployments/permissionPolicy';
