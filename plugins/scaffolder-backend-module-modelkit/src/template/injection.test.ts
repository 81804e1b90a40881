import { parseKitfile } from '@kitstage/plugin-modelkit-common';
import { parseDocuments } from './__testUtils__/checks';
import { DryRunResult, startScaffolder } from './__testUtils__/dryRun';
import { formValues } from './__testUtils__/formValues';

jest.setTimeout(600_000);

/** Values that would change a file's structure if they were pasted into YAML, shell or a template. */
const corpus = {
  newlineKeys: 'first line\nkind: Secret\nmetadata: {name: stolen}',
  documentMarker: '---\napiVersion: v1\nkind: Secret',
  mappingText: 'a: b',
  anchor: '&anchor value',
  alias: '*alias',
  pythonTag: '!!python/object/apply:os.system ["id"]',
  localTag: '!Ref x',
  quotes: `it's "quoted" \\ back\\slash`,
  nunjucksExpression: '{{ 7 * 7 }}',
  nunjucksLoop: '{% for x in [1,2] %}{{ x }}{% endfor %}',
  scaffolderExpression: '${{ parameters.owner }}',
  actionsExpression: '${{ github.event.issue.title }}',
  shell: '$(id) `id` ; rm -rf / #',
  sequenceItem: '- item',
  comment: '# comment',
  yaml11Boolean: 'yes',
  yaml11Hex: '0x1F',
  nullWord: 'null',
  nonAscii: 'Modèle à 日本語 🚀 ‏עברית',
  veryLong: 'x'.repeat(5000),
  longNonAscii: `${'é'.repeat(500)}${'😀'.repeat(250)}`,
};

type CorpusEntry = keyof typeof corpus;
const corpusEntries = Object.keys(corpus) as CorpusEntry[];

/**
 * For each text parameter, the corpus values that fit its grammar: they must go through and
 * keep every file's structure. Every other value must be rejected with an error naming the
 * parameter. `notInCatalog` values are well-formed entity references to entities that do not
 * exist, which the catalog:fetch step refuses.
 */
const parameters: Record<
  string,
  { accepts: CorpusEntry[]; notInCatalog?: CorpusEntry[] }
> = {
  name: { accepts: ['yaml11Boolean', 'nullWord'] },
  description: {
    accepts: corpusEntries.filter(entry => entry !== 'veryLong'),
  },
  owner: { accepts: ['yaml11Boolean', 'yaml11Hex', 'nullWord'] },
  system: { accepts: ['yaml11Boolean', 'yaml11Hex', 'nullWord'] },
  license: { accepts: ['yaml11Boolean', 'yaml11Hex', 'nullWord'] },
  registry: { accepts: [] },
  repository: { accepts: ['yaml11Boolean', 'nullWord'] },
  clusterPath: { accepts: ['yaml11Boolean', 'nullWord'] },
  namespace: { accepts: ['yaml11Boolean', 'nullWord'] },
  cpuRequest: { accepts: [] },
  cpuLimit: { accepts: [] },
  memoryRequest: { accepts: [] },
  memoryLimit: { accepts: [] },
  repoUrl: { accepts: [] },
  huggingFaceId: { accepts: [] },
  huggingFaceRevision: { accepts: ['yaml11Boolean', 'yaml11Hex', 'nullWord'] },
  baseModelKit: {
    accepts: [],
    notInCatalog: ['yaml11Boolean', 'yaml11Hex', 'nullWord'],
  },
  baseModelKitTag: { accepts: ['yaml11Boolean', 'yaml11Hex', 'nullWord'] },
};

/** The parameters that the form shows only for one base model choice. */
const baseFor: Record<string, Record<string, unknown>> = {
  huggingFaceId: {
    baseModelSource: 'huggingface',
    huggingFaceId: 'distilbert/distilbert-base-uncased',
    huggingFaceRevision: 'main',
  },
  huggingFaceRevision: {
    baseModelSource: 'huggingface',
    huggingFaceId: 'distilbert/distilbert-base-uncased',
    huggingFaceRevision: 'main',
  },
  baseModelKit: {
    baseModelSource: 'modelkit',
    baseModelKit: 'modelkit:default/sentiment-base',
    baseModelKitTag: 'latest',
  },
  baseModelKitTag: {
    baseModelSource: 'modelkit',
    baseModelKit: 'modelkit:default/sentiment-base',
    baseModelKitTag: 'latest',
  },
};

/** The structure of a value: keys, list lengths and scalar types, without the scalars. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(key => [key, shape((value as any)[key])]),
    );
  }
  return typeof value;
}

/** The shape of every YAML file, keyed by path. */
function structure(files: Map<string, string>) {
  return Object.fromEntries(
    [...files.entries()]
      .filter(([file]) => /\.ya?ml$/.test(file) || file === 'Kitfile')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, content]) => [file, shape(parseDocuments(content))]),
  );
}

/** A name that fits its field (such as "yes") may appear in file paths; map it back. */
function renamed(files: Map<string, string>, from: string, to: string) {
  return new Map(
    [...files.entries()].map(([file, content]) => [
      file.split(from).join(to),
      content,
    ]),
  );
}

/** Every validation message of a failed dry run, one per line. */
function messagesOf(result: DryRunResult): string {
  return [
    ...(result.body.errors ?? []).map((e: any) => e.stack ?? e.message),
    result.body.error?.message ?? '',
  ].join('\n');
}

const acceptedCases = Object.entries(parameters).flatMap(
  ([parameter, { accepts }]) =>
    accepts.map(entry => [parameter, entry] as const),
);
const rejectedCases = Object.entries(parameters).flatMap(
  ([parameter, { accepts, notInCatalog = [] }]) =>
    corpusEntries
      .filter(
        entry => !accepts.includes(entry) && !notInCatalog.includes(entry),
      )
      .map(entry => [parameter, entry] as const),
);
const notInCatalogCases = Object.entries(parameters).flatMap(
  ([parameter, { notInCatalog = [] }]) =>
    notInCatalog.map(entry => [parameter, entry] as const),
);

describe('the modelkit-project template against an injection corpus', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;
  const baselines = new Map<string, Promise<DryRunResult>>();

  /** The values a parameter is varied from, and the project they generate. */
  function baselineFor(parameter: string) {
    const values = formValues(baseFor[parameter] ?? {});
    const key = JSON.stringify(values);
    if (!baselines.has(key)) {
      baselines.set(key, scaffolder.dryRun(values));
    }
    return { values, result: baselines.get(key)! };
  }

  beforeAll(async () => {
    scaffolder = await startScaffolder([
      {
        apiVersion: 'kitstage.dev/v1alpha1',
        kind: 'ModelKit',
        metadata: { name: 'sentiment-base', namespace: 'default' },
        spec: {
          type: 'model',
          owner: 'group:default/ml-platform',
          lifecycle: 'production',
          repository: 'registry.example.com/kitstage-demo/sentiment-base',
        },
      },
    ]);
  });

  afterAll(async () => {
    await scaffolder.stop();
  });

  it('covers every text parameter and every corpus value', () => {
    expect(
      acceptedCases.length + rejectedCases.length + notInCatalogCases.length,
    ).toBe(Object.keys(parameters).length * corpusEntries.length);
  });

  it.each(acceptedCases)(
    '%s accepts %s and keeps the files and the structure of every file',
    async (parameter, entry) => {
      const { values, result: baselineRun } = baselineFor(parameter);
      const baseline = await baselineRun;
      expect(baseline.status).toBe(200);
      const result = await scaffolder.dryRun({
        ...values,
        [parameter]: corpus[entry],
      });
      expect(result.body.error).toBeUndefined();
      expect(result.status).toBe(200);
      const files = renamed(
        result.files,
        corpus[entry],
        String(values[parameter]),
      );
      expect([...files.keys()].sort()).toEqual(
        [...baseline.files.keys()].sort(),
      );
      expect(structure(files)).toEqual(structure(baseline.files));
      expect(() =>
        parseKitfile(result.files.get('Kitfile')!, { strict: true }),
      ).not.toThrow();
    },
  );

  it.each(rejectedCases)(
    '%s rejects %s with a message naming the parameter',
    async (parameter, entry) => {
      const { values } = baselineFor(parameter);
      const result = await scaffolder.dryRun({
        ...values,
        [parameter]: corpus[entry],
      });
      expect(result.status).toBe(400);
      expect(result.files.size).toBe(0);
      expect(messagesOf(result)).toMatch(
        new RegExp(`^instance\\.${parameter} `, 'm'),
      );
    },
  );

  it.each(notInCatalogCases)(
    '%s passes %s on to catalog:fetch, which fails because no such entity exists',
    async (parameter, entry) => {
      const { values } = baselineFor(parameter);
      const result = await scaffolder.dryRun({
        ...values,
        [parameter]: corpus[entry],
      });
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(result.body)).toMatch(/not found|NotFoundError/i);
    },
  );

  it.each(parameters.description.accepts)(
    'description round-trips %s into the Kitfile and the catalog, and leaves the workflow alone',
    async entry => {
      const { result: baselineRun } = baselineFor('description');
      const baseline = await baselineRun;
      const value = corpus[entry];
      const result = await scaffolder.dryRun(
        formValues({ description: value }),
      );
      expect(result.status).toBe(200);
      const kitfile = parseKitfile(result.files.get('Kitfile')!);
      expect(kitfile.package?.description).toBe(value);
      const descriptions = parseDocuments(
        result.files.get('catalog-info.yaml')!,
      ).map(entity => entity.metadata.description);
      expect(descriptions).toEqual([value, value]);
      expect(result.files.get('.github/workflows/modelkit.yaml')).toBe(
        baseline.files.get('.github/workflows/modelkit.yaml'),
      );
    },
  );
});
