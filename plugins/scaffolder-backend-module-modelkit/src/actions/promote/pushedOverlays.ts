import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  findOverlayModelKitReferences,
  parseModelKitReference,
  PromotionEnvironment,
  quoteInMessage,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  evaluatePromotion,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import path from 'node:path';
import { writeOverlayReference } from '../../lib/overlayFiles';
import { checkRelativePath } from '../../lib/workspaceFiles';
import { readOverlayReference } from './overlayReference';
import { passPromotionGates } from './promotionGates';

/** How much of a reference a refusal shows: a whole OCI reference, digest included. */
const REFERENCE_SHOWN = 400;

/**
 * The files of one push that lie in one overlay directory, and the environments whose overlay
 * that directory is.
 *
 * @internal
 */
export interface PushedOverlay {
  /** The overlay directory, relative to the repository root. */
  overlayPath: string;
  /** The environments of `kitstage.environments` whose `overlayPath` it is (usually one). */
  environments: PromotionEnvironment[];
  /** The pushed files in it, relative to the repository root. */
  files: string[];
}

/**
 * Sorts the files of a push into the overlay directories of the configured environments. Each
 * file must be a YAML file (`.yaml` or `.yml`) directly inside the `overlayPath` of an
 * environment: the files promote edits, never one in a subdirectory (promote reads none) and
 * never any other file of the deploy repository (a CI workflow, a base manifest, a script).
 *
 * @param files - the pushed files, relative to the repository root and already normalised.
 * @param environments - `kitstage.environments`.
 * @throws NotAllowedError naming the first file outside every overlay.
 * @internal
 */
export function pushedOverlaysOf(
  files: string[],
  environments: PromotionEnvironment[],
): PushedOverlay[] {
  const overlays = new Map<string, PushedOverlay>();
  for (const environment of environments) {
    const overlayPath = checkRelativePath(
      environment.overlayPath,
      `The overlayPath of environment ${environment.name}`,
    );
    const overlay = overlays.get(overlayPath) ?? {
      overlayPath,
      environments: [],
      files: [],
    };
    overlay.environments.push(environment);
    overlays.set(overlayPath, overlay);
  }
  const allowed = [...overlays.keys()];
  for (const file of files) {
    const overlay = overlays.get(path.posix.dirname(file));
    if (!overlay || !/\.ya?ml$/i.test(file)) {
      throw new NotAllowedError(
        `files "${file}" is not a YAML file of an environment's overlay (${
          allowed.length > 0
            ? `the *.yaml files directly inside ${allowed.join(', ')}`
            : 'kitstage.environments configures none'
        }); push-branch pushes only the ModelKit reference of an overlay, as promote pins it`,
      );
    }
    if (!overlay.files.includes(file)) {
      overlay.files.push(file);
    }
  }
  return [...overlays.values()].filter(overlay => overlay.files.length > 0);
}

/**
 * The ModelKit reference one overlay of a push pins, and the gates it passed.
 *
 * @internal
 */
export interface GatedOverlay extends PushedOverlay {
  /** The reference the pushed files hold: `repository@sha256:…`, as promote writes it. */
  reference: string;
  /** The ModelKit entity the reference is a version of. */
  modelKitEntityRef: string;
  /** Its repository, registry host included. */
  repository: string;
  /** Whether a refused gate of any of its environments was overridden. */
  overridden: boolean;
}

/**
 * Decides whether the ModelKit reference the pushed files of an overlay hold may reach its
 * environments, with the gates promote uses. The files must hold exactly one reference, pinned
 * by digest; for each environment of the overlay the promotion of that digest is evaluated
 * again as the initiator ({@link evaluatePromotion}), and goes ahead only when every gate
 * passed or, as in promote, when the initiator may override the refused gates and gave a
 * reason ({@link passPromotionGates}). The reference must then be the one promote writes for
 * that version: the ModelKit entity's repository and the digest.
 *
 * @param options.contents - the pushed files' text, by path.
 * @param options.meta - the audit event's metadata: each evaluation is recorded under
 *   `promotions`, refused gates included.
 * @throws NotAllowedError with every refused gate, or naming the file and what is wrong.
 * @internal
 */
export async function gatePushedOverlay(options: {
  overlay: PushedOverlay;
  contents: Map<string, string>;
  config: Config;
  access: ModelKitAccessService;
  attestations: AttestationService;
  credentials: BackstageCredentials;
  componentEntityRef: string;
  modelKit?: string;
  overrideReason?: string;
  logger: LoggerService;
  meta: JsonObject;
  signal?: AbortSignal;
}): Promise<GatedOverlay> {
  const { overlay } = options;
  const found = overlay.files.map(file => {
    const references = findOverlayModelKitReferences(
      options.contents.get(file)!,
      file,
    );
    if (references.length === 0) {
      throw new NotAllowedError(
        `files "${file}" holds no ModelKit reference; push-branch pushes only the ModelKit reference of an overlay, as promote pins it`,
      );
    }
    return references.map(ref => ({ file, ...ref }));
  });
  const references = found.flat();
  const distinct = [...new Set(references.map(ref => ref.reference))];
  if (distinct.length > 1) {
    throw new NotAllowedError(
      `The pushed files of ${overlay.overlayPath} hold ${
        distinct.length
      } different ModelKit references (${references
        .map(
          ref =>
            `${ref.file}:${ref.line} ${quoteInMessage(
              ref.reference,
              REFERENCE_SHOWN,
            )}`,
        )
        .join('; ')}); an overlay deploys one version`,
    );
  }
  const [reference] = distinct;
  const where = `${references[0].file}:${references[0].line}`;
  let parsed;
  try {
    parsed = parseModelKitReference(reference);
  } catch (error) {
    throw new InputError(
      `${where} holds ${quoteInMessage(
        reference,
        REFERENCE_SHOWN,
      )}, which is not a ModelKit reference: ${(error as Error).message}`,
    );
  }
  if (!parsed.digest) {
    throw new NotAllowedError(
      `${where} names ${quoteInMessage(
        reference,
        REFERENCE_SHOWN,
      )} by tag; push-branch pushes only references pinned by digest (repository@sha256:…), whose version the gates of ${overlay.environments
        .map(e => e.name)
        .join(', ')} decide on`,
    );
  }
  const promotions: JsonObject[] = Array.isArray(options.meta.promotions)
    ? (options.meta.promotions as JsonObject[])
    : [];
  options.meta.promotions = promotions;
  let gated: GatedOverlay | undefined;
  for (const environment of overlay.environments) {
    const promotion = await evaluatePromotion({
      config: options.config,
      access: options.access,
      attestations: options.attestations,
      credentials: options.credentials,
      component: options.componentEntityRef,
      environment: environment.name,
      version: parsed.digest,
      modelKit: options.modelKit,
      signal: options.signal,
    });
    const { evaluation } = promotion;
    const record: JsonObject = {
      environment: environment.name,
      overlayPath: overlay.overlayPath,
      reference,
      modelKit: evaluation.target.modelKitEntityRef,
      digest: parsed.digest,
    };
    promotions.push(record);
    if (!evaluation.allowed) {
      record.refusals = evaluation.refusals;
    }
    const overridden = passPromotionGates(
      evaluation,
      options.overrideReason,
      options.logger,
    );
    record.overridden = overridden;
    const pinned = evaluation.target.pinnedReference!;
    if (reference !== pinned) {
      throw new NotAllowedError(
        `${where} holds ${quoteInMessage(
          reference,
          REFERENCE_SHOWN,
        )}, not ${pinned}: ${
          evaluation.target.modelKitEntityRef
        } is deployed by its repository ${
          evaluation.target.repository
        } and the digest, as promote pins it`,
      );
    }
    gated = {
      ...overlay,
      reference,
      modelKitEntityRef: evaluation.target.modelKitEntityRef,
      repository: evaluation.target.repository,
      overridden: (gated?.overridden ?? false) || overridden,
    };
  }
  return gated!;
}

/**
 * Writes the pinned reference of a gated overlay into a fresh clone of the base branch, with
 * promote's own edit ({@link readOverlayReference}, {@link writeOverlayReference}), and checks
 * that the pushed files are exactly that edit: the same files (every overlay file of the base
 * branch that holds the ModelKit reference, and no other) with only the text of the reference
 * changed. Nothing else of an overlay can reach the deploy repository through push-branch.
 *
 * @param options.repositoryRoot - the clone of the base branch.
 * @param options.contents - the pushed files' text, by path.
 * @param options.baseBranch - the base branch, for messages.
 * @returns the files that changed.
 * @throws NotAllowedError naming the file that differs.
 * @internal
 */
export async function writePinnedOverlay(options: {
  overlay: GatedOverlay;
  repositoryRoot: string;
  contents: Map<string, string>;
  baseBranch: string;
}): Promise<string[]> {
  const { overlay, baseBranch } = options;
  const base = await readOverlayReference({
    repositoryRoot: options.repositoryRoot,
    overlayPath: overlay.overlayPath,
    repository: overlay.repository,
    modelKitEntityRef: overlay.modelKitEntityRef,
  });
  const baseFiles = base.files.map(file => file.path);
  for (const file of overlay.files) {
    if (!baseFiles.includes(file)) {
      throw new NotAllowedError(
        `files "${file}" holds no ModelKit reference on ${baseBranch}; push-branch changes only the ModelKit reference an overlay holds (${baseFiles.join(
          ', ',
        )})`,
      );
    }
  }
  for (const file of baseFiles) {
    if (!overlay.files.includes(file)) {
      throw new NotAllowedError(
        `${file} holds the ModelKit reference of ${overlay.overlayPath} on ${baseBranch} too, but is not among files; push every overlay file that holds it, as promote changes them all`,
      );
    }
  }
  const changes = await writeOverlayReference(
    options.repositoryRoot,
    base.files,
    overlay.reference,
  );
  for (const file of base.files) {
    const expected =
      changes.find(change => change.path === file.path)?.after ?? file.text;
    if (options.contents.get(file.path) !== expected) {
      throw new NotAllowedError(
        `files "${file.path}" changes more than the ModelKit reference of ${baseBranch}; push-branch pushes only the edit promote makes (the reference set to ${overlay.reference}, every other byte as on ${baseBranch})`,
      );
    }
  }
  return changes.map(change => change.path);
}
