/**
 * Test fakes and fixtures for pages built on `@kitstage/plugin-modelkit-react`:
 * in-memory implementations of the ModelKit and deployments APIs over the
 * registry, attestation, lineage and cluster data of the demo
 * `support-sentiment` ModelKit.
 *
 * Import from tests only:
 * `import { FixtureModelKitApi } from '@kitstage/plugin-modelkit-react/testUtils';`
 *
 * @packageDocumentation
 */

export * from './modelKitVersions';
export * from './modelKitDiffs';
export * from './FixtureModelKitApi';
export { scanCommand } from './attestationBuilders';
export * from './attestations';
export * from './attestationPolicies';
export {
  argoCommit,
  commitApplied,
  commitFetched,
  labelSelectedComponent,
  servingComponent,
  unannotatedServingComponent,
} from './deploymentObjects';
export * from './clusterCards';
export * from './componentDeployments';
export * from './fleet';
export * from './FixtureModelKitDeploymentsApi';
export * from './lineage';
