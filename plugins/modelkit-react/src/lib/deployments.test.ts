import { DEPLOYMENT_HEALTH_PRECEDENCE } from '@kitstage/plugin-modelkit-common';
import {
  clusterDisplayTitle,
  formatObjectRef,
  isDeploymentHealthStatus,
  isSimulatedCluster,
} from './deployments';

describe('isSimulatedCluster and clusterDisplayTitle', () => {
  it('recognises a title or a name that says simulated', () => {
    expect(
      isSimulatedCluster({ name: 'edge', title: 'Edge (simulated)' }),
    ).toBe(true);
    expect(isSimulatedCluster({ name: 'simulated-eu' })).toBe(true);
    expect(isSimulatedCluster({ name: 'kind-local', title: 'Local' })).toBe(
      false,
    );
    // A word that merely contains the letters is not the label.
    expect(isSimulatedCluster({ name: 'dissimulatedness' })).toBe(false);
  });

  it('shows the title without the simulated note, or the name', () => {
    expect(
      clusterDisplayTitle({ name: 'edge', title: 'Edge (simulated)' }),
    ).toBe('Edge');
    expect(
      clusterDisplayTitle({ name: 'prod-eu', title: 'Production EU' }),
    ).toBe('Production EU');
    expect(clusterDisplayTitle({ name: 'prod-eu' })).toBe('prod-eu');
    expect(clusterDisplayTitle({ name: 'sim', title: '(simulated)' })).toBe(
      'sim',
    );
  });
});

describe('formatObjectRef', () => {
  it('names namespaced and cluster-scoped objects as kubectl users read them', () => {
    expect(
      formatObjectRef({
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'api',
      }),
    ).toBe('Kustomization flux-system/api');
    expect(formatObjectRef({ kind: 'Namespace', name: 'nlp' })).toBe(
      'Namespace nlp',
    );
  });
});

describe('DEPLOYMENT_HEALTH_PRECEDENCE', () => {
  it('lists every status worst first and recognises only those', () => {
    expect(DEPLOYMENT_HEALTH_PRECEDENCE).toEqual([
      'degraded',
      'suspended',
      'progressing',
      'unknown',
      'healthy',
      'not-deployed',
    ]);
    expect(isDeploymentHealthStatus('healthy')).toBe(true);
    expect(isDeploymentHealthStatus('Healthy')).toBe(false);
    expect(isDeploymentHealthStatus(undefined)).toBe(false);
  });
});
