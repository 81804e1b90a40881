import {
  labelSelectedComponent,
  servingComponent,
  unannotatedServingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { hasDeploymentAnnotations, shortRevision } from './deployments';

describe('hasDeploymentAnnotations', () => {
  it('accepts a kubernetes-id or a label selector annotation', () => {
    expect(hasDeploymentAnnotations(servingComponent)).toBe(true);
    expect(hasDeploymentAnnotations(labelSelectedComponent)).toBe(true);
  });

  it('rejects a Component without either, or with a blank one', () => {
    expect(hasDeploymentAnnotations(unannotatedServingComponent)).toBe(false);
    expect(
      hasDeploymentAnnotations({
        ...servingComponent,
        metadata: {
          name: 'x',
          annotations: { 'backstage.io/kubernetes-id': '  ' },
        },
      }),
    ).toBe(false);
  });
});

describe('shortRevision', () => {
  it('cuts the digest of Flux revisions to twelve hex digits', () => {
    expect(
      shortRevision('main@sha1:5f0e2c1d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d'),
    ).toBe('main@sha1:5f0e2c1d9a8b');
    expect(shortRevision(`1.4.0@sha256:${'ab'.repeat(32)}`)).toBe(
      '1.4.0@sha256:abababababab',
    );
    expect(shortRevision(`sha256:${'cd'.repeat(32)}`)).toBe(
      'sha256:cdcdcdcdcdcd',
    );
  });

  it('cuts a bare Git commit and keeps anything else', () => {
    expect(shortRevision('3d1f0e9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e')).toBe(
      '3d1f0e9c8b7a',
    );
    expect(shortRevision('v1.2.0')).toBe('v1.2.0');
    expect(shortRevision('user@example.com')).toBe('user@example.com');
  });
});
