import {
  DryRunResult,
  loadTemplate,
  startScaffolder,
} from './__testUtils__/dryRun';
import { formValues } from './__testUtils__/formValues';

jest.setTimeout(120_000);

/** The validation errors of a dry run as the API returns them, one line each. */
function errorLines(result: DryRunResult): string[] {
  return (result.body.errors ?? []).map((error: any) => error.stack);
}

/** Every schema object in the template's parameters, with where it is. */
function schemaNodes(
  node: unknown,
  at = 'parameters',
): Array<{ at: string; schema: Record<string, any> }> {
  if (Array.isArray(node)) {
    return node.flatMap((item, index) => schemaNodes(item, `${at}[${index}]`));
  }
  if (!node || typeof node !== 'object') {
    return [];
  }
  const schema = node as Record<string, any>;
  return [
    { at, schema },
    ...Object.entries(schema).flatMap(([key, value]) =>
      key === 'errorMessage' || key === 'ui:options'
        ? []
        : schemaNodes(value, `${at}.${key}`),
    ),
  ];
}

describe('the modelkit-project parameters, as the dry-run API validates them', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    scaffolder = await startScaffolder([]);
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  it.each([
    ['huggingFaceId', { baseModelSource: 'huggingface' }],
    [
      'huggingFaceRevision',
      {
        baseModelSource: 'huggingface',
        huggingFaceId: 'distilbert/distilbert-base-uncased',
      },
    ],
    ['baseModelKit', { baseModelSource: 'modelkit', baseModelKitTag: '1.0.0' }],
    [
      'baseModelKitTag',
      {
        baseModelSource: 'modelkit',
        baseModelKit: 'modelkit:default/sentiment-base',
      },
    ],
  ])('reports a missing %s under its own name', async (field, values) => {
    const result = await scaffolder.dryRun(formValues(values));
    expect(result.status).toBe(400);
    expect(errorLines(result)).toContain(
      `instance requires property "${field}"`,
    );
    expect(result.body.errors).toContainEqual(
      expect.objectContaining({
        name: 'required',
        argument: field,
        property: 'instance',
      }),
    );
    expect(errorLines(result).join('\n')).not.toMatch(
      /does not meet dependency|is not exactly one from/,
    );
  });

  it.each([
    'clusterPath',
    'replicas',
    'cpuRequest',
    'cpuLimit',
    'memoryRequest',
    'memoryLimit',
    'gpu',
  ])(
    'refuses a run without %s, which has a default in the form, instead of rendering "undefined"',
    async field => {
      const { [field]: _omitted, ...values } = formValues();
      const result = await scaffolder.dryRun(values);
      expect(result.status).toBe(400);
      expect(errorLines(result)).toEqual([
        `instance requires property "${field}"`,
      ]);
    },
  );

  it.each([
    ['huggingface', 'huggingFaceId', 'distilbert'],
    ['huggingface', 'huggingFaceRevision', 'feature/x'],
    ['modelkit', 'baseModelKitTag', '-latest'],
  ])(
    'for baseModelSource %s, reports a malformed %s under its own name (%j)',
    async (baseModelSource, field, value) => {
      const base =
        baseModelSource === 'huggingface'
          ? { huggingFaceId: 'distilbert/distilbert-base-uncased' }
          : { baseModelKit: 'modelkit:default/sentiment-base' };
      const result = await scaffolder.dryRun(
        formValues({ baseModelSource, ...base, [field]: value }),
      );
      expect(result.status).toBe(400);
      expect(errorLines(result)).toContainEqual(
        expect.stringMatching(
          new RegExp(`^instance\\.${field} does not match pattern`),
        ),
      );
    },
  );

  it('asks for no base model field when the model is trained from scratch', async () => {
    const result = await scaffolder.dryRun(
      formValues({ baseModelSource: 'none' }),
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.status).toBe(200);
  });

  it('gives the portal form a message naming each conditionally required field', () => {
    const branches = schemaNodes(loadTemplate().spec.parameters).filter(
      ({ schema }) => Array.isArray(schema.then?.required),
    );
    const messages = branches.flatMap(({ schema }) =>
      schema.then.required.map((field: string) => [
        field,
        schema.then.errorMessage?.required?.[field],
      ]),
    );
    expect(messages).toEqual([
      ['huggingFaceId', expect.stringContaining('(huggingFaceId)')],
      ['huggingFaceRevision', expect.stringContaining('(huggingFaceRevision)')],
      ['baseModelKit', expect.stringContaining('(baseModelKit)')],
      ['baseModelKitTag', expect.stringContaining('(baseModelKitTag)')],
    ]);
  });

  it('gives every pattern and length limit in the form its own message', () => {
    const limited = schemaNodes(loadTemplate().spec.parameters).filter(
      ({ schema }) =>
        typeof schema.pattern === 'string' ||
        typeof schema.maxLength === 'number',
    );
    const missing = limited.flatMap(({ at, schema }) => [
      ...(typeof schema.pattern === 'string' && !schema.errorMessage?.pattern
        ? [`${at}: pattern`]
        : []),
      ...(typeof schema.maxLength === 'number' &&
      !schema.errorMessage?.maxLength
        ? [`${at}: maxLength`]
        : []),
    ]);
    expect(limited.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });
});
