import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
} from '@backstage/catalog-model';
import {
  ANNOTATION_MODELKIT_AUTHORS,
  ANNOTATION_MODELKIT_LATEST_DIGEST,
  ANNOTATION_MODELKIT_LATEST_SIZE,
  ANNOTATION_MODELKIT_LATEST_VERSION,
  ANNOTATION_MODELKIT_REPOSITORY,
  Kitfile,
  MODELKIT_API_VERSION_V1ALPHA1,
  MODELKIT_KIND,
  ModelKitEntityV1alpha1,
  ModelKitVersion,
  registryOriginLocation,
  repositoryLocation,
} from '@kitstage/plugin-modelkit-common';
import { RepositoryOwnership } from './ModelKitRegistryEntityProviderConfig';

const OCI_TITLE = 'org.opencontainers.image.title';
const OCI_DESCRIPTION = 'org.opencontainers.image.description';
const MAX_TAG_LENGTH = 63;

/** Trimmed text, or undefined for anything else or only whitespace. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * A title from a package name. A slug reads as words followed by what the ModelKit packages:
 * `sentiment-base` gives "Sentiment base model", `support-tickets` "Support tickets dataset"
 * (no word is added when the name already ends with it, or for other ModelKits). Any other
 * name is taken as a display name the author chose, and kept as written.
 */
function titleFromName(name: string, type: string): string {
  if (!/^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/.test(name)) {
    return name;
  }
  const words = name.replace(/[-_]+/g, ' ');
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return (type === 'model' || type === 'dataset') &&
    !words.split(' ').includes(type)
    ? `${title} ${type}`
    : title;
}

/** A catalog tag (`[a-z0-9+#]` words joined by `-`) from free text, if anything is left. */
function toTag(value: string): string | undefined {
  const tag = value
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return tag || undefined;
}

/** What the ModelKit packages, from the sections its Kitfile fills. */
function typeOf(kitfile: Kitfile): string {
  if (kitfile.model) {
    return 'model';
  }
  if (Array.isArray(kitfile.datasets) && kitfile.datasets.length > 0) {
    return 'dataset';
  }
  return 'other';
}

/**
 * What {@link buildModelKitEntity} needs to know about a repository.
 *
 * @internal
 */
export interface ModelKitEntityInput {
  /** The registry entry name. */
  registry: string;
  /** The host (and port) of the registry, as references to it use. */
  host: string;
  /** The repository path within the registry. */
  repository: string;
  /** The entity name, from {@link assignEntityNames}. */
  name: string;
  /** The newest version of the repository. */
  version: ModelKitVersion;
  /** Owner, lifecycle and system. */
  ownership: RepositoryOwnership;
  /** Entity references of the ModelKits the newest version builds on. */
  lineage: { baseModel?: string; datasets: string[] };
}

/**
 * Builds the ModelKit entity of a repository from its newest version.
 *
 * @remarks
 *
 * - `metadata.title`: the manifest's `org.opencontainers.image.title` annotation, else the
 *   Kitfile's `package.name` (or `model.name`); a slug reads as words followed by the type
 *   (`sentiment-base` gives "Sentiment base model").
 * - `metadata.description`: the `org.opencontainers.image.description` annotation, else
 *   `package.description`, else `model.description`.
 * - `metadata.tags`: the model's framework and format, as catalog tags.
 * - Annotations for the catalog table and search: the newest version's tag
 *   (`kitstage.dev/latest-version`, a tag other than `latest` when there is one, its digest
 *   when untagged), manifest digest
 *   (`kitstage.dev/latest-digest`) and total size in bytes (`kitstage.dev/latest-size`), and
 *   `package.authors` as a JSON array (`kitstage.dev/authors`). The framework is `spec.framework`.
 * - `backstage.io/source-location`: the repository as an OCI location reference
 *   (`url:oci://<host>/<repository>`), the form other catalogs of AI assets use for an asset
 *   kept in an OCI registry (docs/ai-catalog-interop.md).
 * - `spec.type`: `model` when the Kitfile has a model, `dataset` when it only has datasets,
 *   else `other`. `spec.framework` is `model.framework`; `spec.license` is `package.license`,
 *   else `model.license`.
 *
 * @internal
 */
export function buildModelKitEntity(
  input: ModelKitEntityInput,
): ModelKitEntityV1alpha1 {
  const { kitfile, annotations } = input.version;
  const repositoryRef = `${input.host}/${input.repository}`;
  const location = repositoryLocation(input.registry, input.repository);

  const metadata: ModelKitEntityV1alpha1['metadata'] = {
    name: input.name,
    annotations: {
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: registryOriginLocation(input.registry),
      [ANNOTATION_SOURCE_LOCATION]: `url:oci://${repositoryRef}`,
      [ANNOTATION_MODELKIT_REPOSITORY]: repositoryRef,
      [ANNOTATION_MODELKIT_LATEST_VERSION]:
        input.version.tags.find(tag => tag !== 'latest') ??
        input.version.tags[0] ??
        (input.version.reference.includes(':')
          ? input.version.digest
          : input.version.reference),
      [ANNOTATION_MODELKIT_LATEST_DIGEST]: input.version.digest,
      [ANNOTATION_MODELKIT_LATEST_SIZE]: String(input.version.size),
    },
  };
  const authors = Array.isArray(kitfile.package?.authors)
    ? kitfile.package!.authors.map(text).filter(a => a !== undefined)
    : [];
  if (authors.length > 0) {
    metadata.annotations![ANNOTATION_MODELKIT_AUTHORS] =
      JSON.stringify(authors);
  }
  const type = typeOf(kitfile);
  const packageName = text(kitfile.package?.name) ?? text(kitfile.model?.name);
  const title =
    text(annotations[OCI_TITLE]) ??
    (packageName ? titleFromName(packageName, type) : undefined);
  if (title) {
    metadata.title = title;
  }
  const description =
    text(annotations[OCI_DESCRIPTION]) ??
    text(kitfile.package?.description) ??
    text(kitfile.model?.description);
  if (description) {
    metadata.description = description;
  }
  const tags = [
    ...new Set(
      [text(kitfile.model?.framework), text(kitfile.model?.format)]
        .filter((t): t is string => t !== undefined)
        .map(toTag)
        .filter((t): t is string => t !== undefined),
    ),
  ];
  if (tags.length > 0) {
    metadata.tags = tags;
  }

  const spec: ModelKitEntityV1alpha1['spec'] = {
    type,
    owner: input.ownership.owner,
    lifecycle: input.ownership.lifecycle,
    repository: repositoryRef,
  };
  const framework = text(kitfile.model?.framework);
  if (framework) {
    spec.framework = framework;
  }
  const license =
    text(kitfile.package?.license) ?? text(kitfile.model?.license);
  if (license) {
    spec.license = license;
  }
  if (input.lineage.baseModel) {
    spec.baseModel = input.lineage.baseModel;
  }
  if (input.lineage.datasets.length > 0) {
    spec.datasets = input.lineage.datasets;
  }
  if (input.ownership.system) {
    spec.system = input.ownership.system;
  }

  return {
    apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
    kind: MODELKIT_KIND,
    metadata,
    spec,
  };
}
