import { createKitstageBackend } from '../backend';

// The demo portal's backend (`./kitstage start`): the production backend, plus loopback
// Kubernetes API simulators serving the demo clusters, which are test utilities and never
// part of the production backend.
const backend = createKitstageBackend();
backend.add(import('./simulatedClusters'));
backend.add(import('./simulatedPrometheus'));
backend.add(import('./demoGitHost'));
backend.start();
