/**
 * Test utilities for Kitstage packages: a real `docker-registry` on a loopback port, a push
 * client, ModelKit and container image builders, a token server and recording servers.
 *
 * Import from tests only (they start processes and servers):
 * `import { startTestRegistry } from '@kitstage/plugin-modelkit-node/testUtils';`
 *
 * @packageDocumentation
 */

export { startTestRegistry } from './startTestRegistry';
export type {
  StartTestRegistryOptions,
  TestRegistry,
} from './startTestRegistry';
export { startTestTokenServer } from './startTestTokenServer';
export type {
  TestTokenServer,
  TestTokenServerOptions,
} from './startTestTokenServer';
export { startLoopbackServer } from './startLoopbackServer';
export type { LoopbackServer, RecordedRequest } from './startLoopbackServer';
export { TestRegistryPusher } from './TestRegistryPusher';
export type { TestRegistryPusherOptions } from './TestRegistryPusher';
export {
  buildTestContainerImage,
  buildTestImageIndex,
  buildTestManifest,
  buildTestModelKit,
  buildTestReferrer,
  buildTestReferrersIndex,
  KITFILE_JSON_ANNOTATION,
  TestModelKitMediaTypes,
} from './testArtifacts';
export type {
  TestArtifact,
  TestKitfile,
  TestModelKitOptions,
} from './testArtifacts';
export {
  startTestPostgres,
  type StartTestPostgresOptions,
  type TestPostgres,
} from './postgres';
export { createTestCertificate } from './tls';
export type { TestCertificate } from './tls';
export * from './kubernetes';
export * from '../attestation/testing';
export {
  TRUSTED_KEY_ALGORITHMS,
  type TrustedKeyAlgorithm,
} from '../attestation/TrustedKey';
export type { OciDescriptor, OciPlatform } from '../registry/types';
export { registryProvenanceAnnotations } from './provenance';
export { startTestGitServer } from './startTestGitServer';
export type { TestGitServer } from './startTestGitServer';
