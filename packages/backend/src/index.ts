import { createKitstageBackend } from './backend';

// The production backend. The demo portal (`./kitstage start`) starts dev/index.ts instead,
// which adds the demo's simulated clusters to the same backend.
createKitstageBackend().start();
