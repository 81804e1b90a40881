import { evaluatePromotionGates, PromotionGateInput } from './gates';

const digest = `sha256:${'d'.repeat(64)}`;
const base: PromotionGateInput = {
  componentEntityRef: 'component:default/svc',
  environmentName: 'production',
  environment: {
    name: 'production',
    overlayPath: 'deploy/overlays/production',
    policy: 'production',
    forbiddenLifecycles: ['experimental'],
  },
  target: {
    modelKitEntityRef: 'modelkit:default/svc',
    lifecycle: 'production',
    repository: 'r.example/svc',
    requested: 'v2',
    tag: 'v2',
    digest,
  },
  mayPromote: true,
  mayOverride: false,
  policy: {
    lifecycle: 'production',
    applies: true,
    status: 'passed',
    message: 'scan-clean passed',
    rules: [],
  },
};

describe('evaluatePromotionGates', () => {
  it('allows when every gate passes', () => {
    const result = evaluatePromotionGates(base);
    expect(result.allowed).toBe(true);
    expect(result.refusals).toEqual([]);
    expect(result.gates.map(g => g.gate)).toEqual([
      'permission',
      'environment',
      'version',
      'lifecycle',
      'policy',
    ]);
  });

  it('gives every reason at once, and overriding needs the permission', () => {
    const input: PromotionGateInput = {
      ...base,
      target: { ...base.target, lifecycle: 'experimental' },
      policy: {
        ...base.policy!,
        status: 'failed',
        message: 'scan found errors',
      },
    };
    const refused = evaluatePromotionGates(input);
    expect(refused.allowed).toBe(false);
    expect(refused.canOverride).toBe(false);
    expect(refused.refusals).toEqual([
      'modelkit:default/svc has lifecycle "experimental", which may not reach production',
      'Attestation policy "production" is failed: scan found errors',
    ]);
    expect(
      evaluatePromotionGates({ ...input, mayOverride: true }).canOverride,
    ).toBe(true);
  });

  it('never lets an override past the permission, environment or version gates', () => {
    const result = evaluatePromotionGates({
      ...base,
      mayPromote: false,
      mayOverride: true,
      environmentName: 'qa',
      environment: undefined,
    });
    expect(result.canOverride).toBe(false);
    expect(result.refusals).toEqual([
      'You are not allowed to promote component:default/svc (permission kitstage.modelkit.promote)',
      'Environment "qa" is not configured under kitstage.environments',
    ]);
  });

  it('refuses an unresolved version and a lifecycle outside the allowed list', () => {
    const result = evaluatePromotionGates({
      ...base,
      environment: { ...base.environment!, allowedLifecycles: ['production'] },
      target: { ...base.target, lifecycle: 'beta', digest: undefined },
      versionProblem: 'tag v2 not found',
    });
    expect(result.refusals).toEqual([
      'Version "v2" of r.example/svc could not be resolved: tag v2 not found',
      'modelkit:default/svc has lifecycle "beta"; production only allows production',
    ]);
  });

  it('refuses when the policy could not be evaluated', () => {
    const result = evaluatePromotionGates({
      ...base,
      policy: undefined,
      policyProblem: 'registry down',
    });
    expect(result.refusals).toEqual([
      'Attestation policy "production" could not be evaluated: registry down',
    ]);
  });
});
