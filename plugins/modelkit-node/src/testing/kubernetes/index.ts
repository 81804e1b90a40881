export { startKubernetesSimulator } from './startKubernetesSimulator';
export type {
  KubernetesSimulator,
  KubernetesSimulatorMode,
  KubernetesSimulatorOptions,
  KubernetesSimulatorRequest,
  KubernetesSimulatorRequestFilter,
  KubernetesSimulatorTokenGrant,
} from './simulatorTypes';
export type { SimulatedApi, SimulatedResource } from './apiResources';
export type { KubernetesObject } from './ObjectStore';
export {
  buildServiceScenario,
  KUBERNETES_SCENARIOS,
} from './fixtures/buildServiceScenario';
export type {
  FixtureDelivery,
  FixtureFluxSource,
  KubernetesScenario,
  ServiceScenarioOptions,
} from './fixtures/buildServiceScenario';
export {
  buildDemoFleet,
  buildPartialFailureFleet,
  buildSyntheticFleet,
  startSimulatedFleet,
} from './fixtures/simulatedFleets';
export type {
  RunningSimulatedFleet,
  SimulatedClusterSpec,
  SimulatedFleet,
  SimulatedPlacement,
  SyntheticFleetOptions,
} from './fixtures/simulatedFleets';
export {
  FixtureAnnotations,
  FixtureLabels,
  fixtureModelKitDigest,
  fixtureModelKitReference,
} from './fixtures/fixtureBasics';
export type { FixtureModelKit } from './fixtures/fixtureBasics';
export type { FixtureWorkload } from './fixtures/scenarioWorkload';
export { DEMO_MODELKIT_DIGESTS } from './fixtures/demoModelKitDigests';
