import { InputError, NotAllowedError } from '@backstage/errors';
import {
  OciReference,
  parseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import { OverlayFile, readOverlayFiles } from '../../lib/overlayFiles';

/**
 * The ModelKit reference an environment's overlay deploys, as promote found it.
 *
 * @internal
 */
export interface OverlayReference {
  /** The overlay's YAML files, with the references in them. */
  files: OverlayFile[];
  /** The distinct references the overlay holds: exactly one. */
  previousReferences: string[];
  /** That reference, as written. */
  previous: string;
  /** That reference, parsed. */
  previousParsed: OciReference;
}

/**
 * Reads the overlay of an environment and the one ModelKit reference it deploys. Refuses an
 * overlay without a reference, one with several different references (promote never
 * chooses), a reference that does not parse, and one to another repository than the
 * ModelKit being promoted.
 *
 * @internal
 */
export async function readOverlayReference(options: {
  /** The repository's directory. */
  repositoryRoot: string;
  /** The environment's overlay directory, relative to the repository. */
  overlayPath: string;
  /** The promoted ModelKit's repository, registry host included. */
  repository: string;
  /** The promoted ModelKit entity, for the refusal of another repository. */
  modelKitEntityRef: string;
}): Promise<OverlayReference> {
  const { overlayPath } = options;
  const files = await readOverlayFiles(options.repositoryRoot, overlayPath);
  const references = files.flatMap(file =>
    file.references.map(ref => ({ file: file.path, ...ref })),
  );
  if (references.length === 0) {
    throw new InputError(
      `The overlay ${overlayPath} holds no ModelKit reference (a kitstage.dev/modelkit annotation, MODELKIT_REF, a kit:// storageUri or a kit unpack argument)`,
    );
  }
  const previousReferences = [...new Set(references.map(ref => ref.reference))];
  if (previousReferences.length > 1) {
    throw new NotAllowedError(
      `The overlay ${overlayPath} is ambiguous: it holds ${
        previousReferences.length
      } different ModelKit references (${references
        .map(ref => `${ref.file}:${ref.line} ${ref.reference}`)
        .join('; ')}); promote refuses to choose`,
    );
  }
  const [previous] = previousReferences;
  let previousParsed;
  try {
    previousParsed = parseModelKitReference(previous);
  } catch (error) {
    throw new InputError(
      `The overlay ${overlayPath} holds "${previous.slice(
        0,
        200,
      )}", which is not a ModelKit reference: ${(error as Error).message}`,
    );
  }
  const previousRepository = `${previousParsed.registry}/${previousParsed.repository}`;
  if (previousRepository.toLowerCase() !== options.repository.toLowerCase()) {
    throw new NotAllowedError(
      `The overlay ${overlayPath} deploys ${previousRepository}, not ${options.repository}; it is not the overlay of ${options.modelKitEntityRef}`,
    );
  }
  return { files, previousReferences, previous, previousParsed };
}
