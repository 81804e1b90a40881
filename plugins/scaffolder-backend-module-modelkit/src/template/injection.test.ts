import { parseDocuments } from './checks';
import { startScaffolder } from './dryRun';
import { formValues } from './formValues';

jest.setTimeout(600_000);

/** Values that would change a file's structure if they were pasted into YAML, shell or a template. */
const corpus = [
  'first line\nkind: Secret\nmetadata: {name: stolen}',
  '---\napiVersion: v1\nkind: Secret',
  'a: b',
  '&anchor value',
  '*alias',
  '!!python/object/apply:os.system ["id"]',
  '!Ref x',
  `it's "quoted" \\ back\\slash`,
  '{{ 7 * 7 }}',
  '{% for x in [1,2] %}{{ x }}{% endfor %}',
  '${{ parameters.owner }}',
  '${{ github.event.issue.title }}',
  '$(id) `id` ; rm -rf / #',
  '- item',
  '# comment',
  'yes',
  '0x1F',
  'null',
  'Modèle à 日本語 🚀 ‏עברית',
  'x'.repeat(5000),
  `${'é'.repeat(500)}${'😀'.repeat(250)}`,
];

const textParameters = [
  'name',
  'description',
  'owner',
  'system',
  'license',
  'registry',
  'repository',
  'clusterPath',
  'namespace',
  'cpuRequest',
  'cpuLimit',
  'memoryRequest',
  'memoryLimit',
  'repoUrl',
  'huggingFaceId',
  'huggingFaceRevision',
  'baseModelKit',
  'baseModelKitTag',
];

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

function structure(files: Map<string, string>, rename = (f: string) => f) {
  return Object.fromEntries(
    [...files.entries()]
      .map(([file, content]) => [rename(file), content] as const)
      .filter(([file]) => /\.ya?ml$/.test(file) || file === 'Kitfile')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, content]) => [file, shape(parseDocuments(content))]),
  );
}

describe('the modelkit-project template against an injection corpus', () => {
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

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

  it.each(textParameters)(
    'keeps the structure of every file, or rejects the value with a message naming %s',
    async parameter => {
      const base = formValues(baseFor[parameter] ?? {});
      const baseline = await scaffolder.dryRun(base);
      expect(baseline.status).toBe(200);
      const expected = structure(baseline.files);

      let accepted = 0;
      for (const value of corpus) {
        const result = await scaffolder.dryRun({ ...base, [parameter]: value });
        if (result.status === 200) {
          accepted += 1;
          // A value that fits its field (a name such as "yes" or "null") may appear in paths.
          const rename = (file: string) =>
            file.split(String(value)).join(String(base[parameter]));
          expect([...result.files.keys()].map(rename).sort()).toEqual(
            [...baseline.files.keys()].sort(),
          );
          expect(structure(result.files, rename)).toEqual(expected);
          if (parameter === 'description') {
            const [kitfile] = parseDocuments(result.files.get('Kitfile')!);
            expect(kitfile.package.description).toBe(value);
            for (const entity of parseDocuments(
              result.files.get('catalog-info.yaml')!,
            )) {
              expect(entity.metadata.description).toBe(value);
            }
            expect(result.files.get('.github/workflows/modelkit.yaml')).toBe(
              baseline.files.get('.github/workflows/modelkit.yaml'),
            );
          }
        } else if (parameter === 'baseModelKit' && result.status !== 400) {
          // A well-formed reference to an entity that does not exist: catalog:fetch refuses it.
          expect(result.status).toBeGreaterThanOrEqual(400);
          expect(JSON.stringify(result.body)).toMatch(
            /not found|NotFoundError/i,
          );
        } else {
          expect(result.status).toBe(400);
          const messages = [
            ...(result.body.errors ?? []).map(
              (e: any) => `${e.property} ${e.message}`,
            ),
            result.body.error?.message ?? '',
          ].join('\n');
          // Parameters shown through a oneOf dependency are reported by the JSON schema
          // validator under the parameter that controls them.
          const named = baseFor[parameter]
            ? /instance\.baseModelSource|instance\.(huggingFace|baseModelKit)/
            : new RegExp(`instance\\.${parameter} `);
          expect(messages).toMatch(named);
        }
      }
      // Free text is accepted and round-trips, except past its length limit.
      if (parameter === 'description') {
        expect(accepted).toBe(corpus.length - 1);
      }
    },
  );
});
