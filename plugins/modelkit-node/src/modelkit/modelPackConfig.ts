import { z } from 'zod';
import { OciDescriptor } from '../registry/types';
import { ModelKitAnnotations, parseModelKitLayerMediaType } from './mediaTypes';

const optionalText = z
  .string()
  .max(64 * 1024)
  .optional();

/**
 * The parts of a CNCF ModelPack config (`application/vnd.cncf.model.config.v1+json`) that the
 * reader uses. Unknown fields are allowed, as the specification may grow.
 */
const modelPackConfigSchema = z
  .object({
    descriptor: z
      .object({
        createdAt: optionalText,
        authors: z.array(z.string()).optional(),
        family: optionalText,
        name: optionalText,
        version: optionalText,
        title: optionalText,
        description: optionalText,
        licenses: z.array(z.string()).optional(),
      })
      .loose(),
    config: z
      .object({
        architecture: optionalText,
        format: optionalText,
        paramSize: optionalText,
        precision: optionalText,
        quantization: optionalText,
        capabilities: z.record(z.string(), z.unknown()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

/**
 * A ModelPack config, read.
 *
 * @internal
 */
export type ModelPackConfig = z.infer<typeof modelPackConfigSchema>;

/**
 * Checks the shape of a ModelPack config. Returns the problem with its field path, or the config.
 *
 * @internal
 */
export function parseModelPackConfig(
  json: unknown,
): { config: ModelPackConfig } | { problem: string } {
  const parsed = modelPackConfigSchema.safeParse(json);
  if (parsed.success) {
    return { config: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const path = issue.path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return { problem: `${path || '(root)'}: ${issue.message}` };
}

/**
 * A Kitfile-shaped view of a ModelPack artifact without a Kitfile: the package from the
 * config's `descriptor`, the model format and technical metadata from its `config` (as model
 * parameters), and one entry per layer with the path from its `org.cncf.model.filepath`
 * annotation. The first weight layer is the model; further weight layers and weight configs
 * (tokenizers, model configs) become model parts.
 *
 * @internal
 */
export function kitfileFromModelPack(
  config: ModelPackConfig,
  layers: OciDescriptor[],
): Record<string, unknown> {
  const d = config.descriptor;
  const byKind = (kind: string) =>
    layers
      .filter(l => parseModelKitLayerMediaType(l.mediaType)?.kind === kind)
      .map(l => l.annotations?.[ModelKitAnnotations.filepath]);
  const weights = byKind('model');
  const weightConfigs = byKind('model-part');
  const kitfile: Record<string, unknown> = { manifestVersion: '1.0.0' };
  const pkg = compact({
    name: d.name ?? d.title,
    version: d.version,
    description: d.description,
    license: d.licenses?.length ? d.licenses.join(' AND ') : undefined,
    authors: d.authors?.length ? d.authors : undefined,
  });
  if (Object.keys(pkg).length) {
    kitfile.package = pkg;
  }
  const parameters = compact({
    family: d.family,
    architecture: config.config?.architecture,
    paramSize: config.config?.paramSize,
    precision: config.config?.precision,
    quantization: config.config?.quantization,
    capabilities: config.config?.capabilities,
  });
  const parts = [
    ...weights.slice(1).map(path => compact({ path, type: 'weight' })),
    ...weightConfigs.map(path => compact({ path, type: 'config' })),
  ];
  if (weights.length || parts.length || config.config?.format) {
    kitfile.model = compact({
      name: d.name ?? d.title,
      path: weights[0],
      format: config.config?.format,
      parts: parts.length ? parts : undefined,
      parameters: Object.keys(parameters).length ? parameters : undefined,
    });
  }
  for (const [kind, section] of [
    ['code', 'code'],
    ['dataset', 'datasets'],
    ['docs', 'docs'],
  ] as const) {
    const paths = byKind(kind);
    if (paths.length) {
      kitfile[section] = paths.map(path => compact({ path }));
    }
  }
  return kitfile;
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  );
}
