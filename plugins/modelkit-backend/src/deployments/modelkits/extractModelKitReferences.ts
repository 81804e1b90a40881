import {
  ANNOTATION_MODELKIT,
  KIT_URI_PREFIX,
  KubernetesObjectLike,
  ModelKitReferenceSource,
  OciReference,
  tryParseModelKitReference,
} from '@kitstage/plugin-modelkit-common';

/**
 * A ModelKit reference found in a Kubernetes object.
 *
 * @internal
 */
export interface FoundModelKitReference {
  /** As written, without a `kit://` prefix. */
  reference: string;
  parsed: OciReference;
  via: ModelKitReferenceSource;
  /** The field path, e.g. `spec.template.spec.initContainers[0].command`. */
  field: string;
}

/** Environment variables that name the ModelKit a container runs. */
const ENV_NAMES = new Set(['MODELKIT_REF', 'MODELKIT_URI']);

/** `kit unpack` flags that take a value, so the value is not the reference. */
const UNPACK_VALUE_FLAGS = new Set([
  '-d',
  '--dir',
  '--filter',
  '-f',
  '--proxy',
  '--concurrency',
  '--tls-cert',
  '--cert',
  '--key',
  '--log-level',
  '--progress',
  '--config',
]);

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * The prefixes of storage URIs that name an OCI artifact KServe serves as a model: a
 * ModelKit used as a "modelcar" (`oci://`), or mounted natively as an image volume
 * (`oci+native://`).
 */
const OCI_URI_PREFIXES = ['oci://', 'oci+native://'];

/** The `oci://` or `oci+native://` prefix of a URI, if it has one. */
function ociPrefixOf(text: string): string | undefined {
  return OCI_URI_PREFIXES.find(prefix => text.startsWith(prefix));
}

/**
 * Parses a reference, or a `kit://`, `oci://` or `oci+native://` URI; undefined when it names
 * no valid ModelKit.
 */
function parse(
  text: string,
): { reference: string; parsed: OciReference } | undefined {
  const trimmed = text.trim();
  const prefix = trimmed.startsWith(KIT_URI_PREFIX)
    ? KIT_URI_PREFIX
    : ociPrefixOf(trimmed);
  const reference = prefix ? trimmed.slice(prefix.length) : trimmed;
  if (!reference || reference.length > 1024) {
    return undefined;
  }
  const parsed = tryParseModelKitReference(reference);
  return parsed ? { reference, parsed } : undefined;
}

/**
 * Splits a shell command line into words, honouring single and double quotes; enough to
 * find `kit unpack <ref>` inside `sh -c "..."`.
 */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (
      /\s/.test(char) ||
      char === ';' ||
      char === '&' ||
      char === '|'
    ) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** The reference of every `kit unpack` in a word list. */
function unpackReferences(words: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const program = words[i].split('/').pop();
    if (program !== 'kit' || words[i + 1] !== 'unpack') {
      continue;
    }
    for (let j = i + 2; j < words.length; j++) {
      const word = words[j];
      if (word.startsWith('-')) {
        if (!word.includes('=') && UNPACK_VALUE_FLAGS.has(word)) j++;
        continue;
      }
      found.push(word);
      break;
    }
  }
  return found;
}

function scanContainer(
  container: JsonRecord,
  field: string,
  add: (text: string, via: ModelKitReferenceSource, field: string) => void,
) {
  const command = strings(container.command);
  const args = strings(container.args);
  const words = [...command, ...args];
  const commandField =
    command.length > 0 ? `${field}.command` : `${field}.args`;
  for (const reference of unpackReferences(words)) {
    add(reference, 'kit-unpack', commandField);
  }
  // A shell script in one argument: `sh -c "kit unpack ... && ..."`.
  words.forEach((word, index) => {
    if (/\s/.test(word)) {
      const where =
        index < command.length
          ? `${field}.command[${index}]`
          : `${field}.args[${index - command.length}]`;
      for (const reference of unpackReferences(shellWords(word))) {
        add(reference, 'kit-unpack', where);
      }
    }
  });
  args.forEach((arg, index) => {
    if (arg.startsWith(KIT_URI_PREFIX)) {
      add(arg, 'kit-uri', `${field}.args[${index}]`);
    }
  });
  const env = Array.isArray(container.env) ? container.env : [];
  env.forEach((entry, index) => {
    if (
      isRecord(entry) &&
      typeof entry.name === 'string' &&
      ENV_NAMES.has(entry.name) &&
      typeof entry.value === 'string'
    ) {
      add(entry.value, 'env', `${field}.env[${index}]`);
    }
  });
}

function scanPodSpec(
  spec: unknown,
  field: string,
  add: (text: string, via: ModelKitReferenceSource, field: string) => void,
) {
  if (!isRecord(spec)) {
    return;
  }
  // Image volumes (Kubernetes 1.31+) mount an OCI artifact, such as a ModelKit, read-only.
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, index) => {
    const reference = readPathOf(volume, 'image', 'reference');
    if (typeof reference === 'string') {
      add(
        reference,
        'image-volume',
        `${field}.volumes[${index}].image.reference`,
      );
    }
  });
  for (const list of ['initContainers', 'containers'] as const) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((container, index) => {
      if (isRecord(container)) {
        scanContainer(container, `${field}.${list}[${index}]`, add);
      }
    });
  }
}

function readPathOf(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Records a storage URI that names a ModelKit: `kit://`, `oci://` or `oci+native://`. */
function scanStorageUri(
  uri: unknown,
  field: string,
  add: (text: string, via: ModelKitReferenceSource, field: string) => void,
) {
  // Other schemes (s3://, gs://, hf://, pvc://) are served by other storage containers.
  if (typeof uri !== 'string') return;
  if (uri.startsWith(KIT_URI_PREFIX)) {
    add(uri, 'kit-uri', field);
  } else if (ociPrefixOf(uri)) {
    add(uri, 'oci-uri', field);
  }
}

function scanAnnotation(
  metadata: unknown,
  field: string,
  add: (text: string, via: ModelKitReferenceSource, field: string) => void,
) {
  const annotations = isRecord(metadata) ? metadata.annotations : undefined;
  const value = isRecord(annotations)
    ? annotations[ANNOTATION_MODELKIT]
    : undefined;
  if (typeof value === 'string') {
    add(value, 'annotation', `${field}.annotations["${ANNOTATION_MODELKIT}"]`);
  }
}

/**
 * Finds the ModelKits a workload object names: `kit://`, `oci://` and `oci+native://`
 * storage URIs (KServe InferenceServices and LLMInferenceServices, a ModelKit as modelcar),
 * image volumes (`volumes[].image.reference`), `kit unpack <ref>` commands of init containers
 * and containers (also inside `sh -c` scripts), `MODELKIT_REF` / `MODELKIT_URI` environment
 * variables and the `kitstage.dev/modelkit` annotation. Reads Deployments, Argo Rollouts and
 * ReplicaSets (their pod template), Pods, InferenceServices and LLMInferenceServices
 * (`spec.model.uri` and their pod templates). Values that do not parse as ModelKit
 * references are left out.
 *
 * @internal
 */
export function extractModelKitReferences(
  object: KubernetesObjectLike,
): FoundModelKitReference[] {
  const found: FoundModelKitReference[] = [];
  const seen = new Set<string>();
  const add = (text: string, via: ModelKitReferenceSource, field: string) => {
    const result = parse(text);
    if (!result) return;
    const key = `${via}\u0000${result.reference}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ ...result, via, field });
  };
  const spec = isRecord(object.spec) ? object.spec : {};
  scanAnnotation(object.metadata, 'metadata', add);
  switch (object.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'Rollout': {
      const template = isRecord(spec.template) ? spec.template : {};
      scanAnnotation(template.metadata, 'spec.template.metadata', add);
      scanPodSpec(template.spec, 'spec.template.spec', add);
      break;
    }
    case 'Pod':
      scanPodSpec(spec, 'spec', add);
      break;
    case 'InferenceService': {
      const predictor = isRecord(spec.predictor) ? spec.predictor : {};
      // `predictor.model` (v1beta1), the older per-framework keys (`predictor.sklearn`...)
      // and a custom predictor's own `storageUri`.
      const storageUris: Array<[unknown, string]> = [
        [predictor.storageUri, 'spec.predictor.storageUri'],
        ...Object.entries(predictor).map(([key, value]): [unknown, string] => [
          isRecord(value) ? value.storageUri : undefined,
          `spec.predictor.${key}.storageUri`,
        ]),
      ];
      for (const [uri, field] of storageUris) {
        scanStorageUri(uri, field, add);
      }
      scanPodSpec(predictor, 'spec.predictor', add);
      break;
    }
    case 'LLMInferenceService': {
      scanStorageUri(readPathOf(spec, 'model', 'uri'), 'spec.model.uri', add);
      scanPodSpec(spec.template, 'spec.template', add);
      scanPodSpec(spec.worker, 'spec.worker', add);
      scanPodSpec(
        readPathOf(spec, 'prefill', 'template'),
        'spec.prefill.template',
        add,
      );
      break;
    }
    default:
      break;
  }
  return found;
}
