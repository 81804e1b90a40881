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

export * from './modelkitApi';
export * from './attestations';
export * from './deployments';
export * from './lineage';
