import { kitPullCommand, readModelKitSpec } from './modelKitEntity';
import { fineTunedModelKit, minimalModelKit } from '../__fixtures__/modelkits';

describe('readModelKitSpec', () => {
  it('resolves references with the processor defaults', () => {
    const spec = readModelKitSpec(fineTunedModelKit);

    expect(spec.owner?.ref).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'nlp-team',
    });
    expect(spec.baseModel?.ref).toEqual({
      kind: 'modelkit',
      namespace: 'default',
      name: 'sentiment-base',
    });
    expect(spec.datasets.map(d => d.ref)).toEqual([
      { kind: 'ModelKit', namespace: 'default', name: 'support-tickets' },
      { kind: 'modelkit', namespace: 'research', name: 'product-reviews' },
    ]);
    expect(spec.system?.ref).toEqual({
      kind: 'System',
      namespace: 'default',
      name: 'customer-insights',
    });
  });

  it('leaves out fields of the wrong type', () => {
    const spec = readModelKitSpec({
      ...minimalModelKit,
      spec: {
        owner: 42,
        lifecycle: ['production'],
        repository: '  ',
        framework: { name: 'onnx' },
        datasets: 'modelkit:support-tickets',
        baseModel: null,
      },
    });

    expect(spec).toEqual({
      type: undefined,
      owner: undefined,
      lifecycle: undefined,
      repository: undefined,
      framework: undefined,
      license: undefined,
      baseModel: undefined,
      datasets: [],
      system: undefined,
    });
  });

  it('keeps a reference that does not parse as raw text', () => {
    const spec = readModelKitSpec({
      ...minimalModelKit,
      spec: { ...minimalModelKit.spec, datasets: ['modelkit:', 7, 'ok'] },
    });

    expect(spec.datasets).toEqual([
      { raw: 'modelkit:' },
      {
        raw: 'ok',
        ref: { kind: 'ModelKit', namespace: 'default', name: 'ok' },
      },
    ]);
  });
});

describe('kitPullCommand', () => {
  it('pulls the latest tag of a plain repository', () => {
    expect(kitPullCommand('registry.example.com/kitstage-demo/sentiment')).toBe(
      'kit pull registry.example.com/kitstage-demo/sentiment:latest',
    );
    expect(kitPullCommand('localhost:5000/models/fraud_detector')).toBe(
      'kit pull localhost:5000/models/fraud_detector:latest',
    );
  });

  it('names the registry that a repository without one stands for', () => {
    expect(kitPullCommand('team/sentiment')).toBe(
      'kit pull docker.io/team/sentiment:latest',
    );
  });

  it.each([
    'registry.example.com/x; rm -rf ~',
    'registry.example.com/$(id)',
    "registry.example.com/x'y",
    'registry.example.com/x y',
    '-registry.example.com/x',
    'https://registry.example.com/x',
    'registry.example.com/x:v1',
    'registry.example.com/Upper/Case',
  ])('offers no command for %j', repository => {
    expect(kitPullCommand(repository)).toBeUndefined();
  });
});
