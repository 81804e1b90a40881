import type { ModelKitArtifactFormat } from '@kitstage/plugin-modelkit-common';
import { OciMediaTypes } from '../registry/manifest';
import { OciImageIndex, OciImageManifest } from '../registry/types';
import { ModelKitMediaTypes } from './mediaTypes';

/**
 * Whether a manifest is a ModelKit, and if not, what it is.
 *
 * @public
 */
export type ModelKitClassification =
  | { modelKit: true; format: ModelKitArtifactFormat }
  | { modelKit: false; reason: string };

const SIGNATURE_TYPES = new Set([
  'application/vnd.dev.cosign.simplesigning.v1+json',
  'application/vnd.dev.cosign.artifact.sig.v1+json',
  'application/vnd.cncf.notary.signature',
]);
const ATTESTATION_TYPES = new Set([
  'application/vnd.dsse.envelope.v1+json',
  'application/vnd.in-toto+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle.v0.2+json',
]);
const SBOM_TYPES = new Set([
  'application/spdx+json',
  'text/spdx',
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/vnd.syft+json',
]);
const IMAGE_CONFIG_TYPES = new Set<string>([
  OciMediaTypes.imageConfig,
  OciMediaTypes.dockerContainerConfig,
]);
const REFERRERS_TAG = /^sha256-([a-f0-9]{64})(?:\.(sig|att|sbom))?$/;

/**
 * Tells a ModelKit manifest (KitOps or CNCF ModelPack) from other artifacts that share its
 * repository, such as container images, signatures, attestations and indexes, from the
 * manifest alone.
 *
 * @remarks
 *
 * A manifest is a KitOps ModelKit when its config media type is
 * `application/vnd.kitops.modelkit.config.v1+json` or its artifact type is
 * `application/vnd.kitops.modelkit.manifest.v1+json`, and a ModelPack artifact when its config
 * is `application/vnd.cncf.model.config.v1+json` or its artifact type is
 * `application/vnd.cncf.model.manifest.v1+json`, as the KitOps CLI decides.
 *
 * @public
 */
export function classifyModelKitManifest(
  result:
    | { kind: 'image'; manifest: OciImageManifest }
    | { kind: 'index'; manifest: OciImageIndex },
): ModelKitClassification {
  if (result.kind === 'index') {
    const index = result.manifest;
    if (index.artifactType === ModelKitMediaTypes.kitopsIndex) {
      return {
        modelKit: false,
        reason: 'a ModelKit index, which Kitstage does not read yet',
      };
    }
    if (index.subject) {
      return {
        modelKit: false,
        reason: `an index that refers to ${index.subject.digest}`,
      };
    }
    const platforms = index.manifests
      .map(m => m.platform)
      .filter(p => p !== undefined)
      .map(p => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`);
    return {
      modelKit: false,
      reason: platforms.length
        ? `a multi-platform image index (${platforms.join(
            ', ',
          )}), not a ModelKit`
        : `an image index of ${index.manifests.length} manifests, not a ModelKit`,
    };
  }
  const manifest = result.manifest;
  const configType = manifest.config.mediaType;
  if (
    configType === ModelKitMediaTypes.kitopsConfig ||
    manifest.artifactType === ModelKitMediaTypes.kitopsManifest
  ) {
    return { modelKit: true, format: 'kitops' };
  }
  if (
    configType === ModelKitMediaTypes.modelPackConfig ||
    manifest.artifactType === ModelKitMediaTypes.modelPackManifest
  ) {
    return { modelKit: true, format: 'modelpack' };
  }
  return { modelKit: false, reason: describeOther(manifest) };
}

function describeOther(manifest: OciImageManifest): string {
  const layerTypes = manifest.layers.map(l => l.mediaType);
  const type = manifest.artifactType ?? manifest.config.mediaType;
  const what = (types: Set<string>) =>
    types.has(type) || layerTypes.some(t => types.has(t));
  let kind: string | undefined;
  if (what(SIGNATURE_TYPES)) {
    kind = 'a signature';
  } else if (what(ATTESTATION_TYPES)) {
    kind = 'an attestation';
  } else if (what(SBOM_TYPES)) {
    kind = 'an SBOM';
  }
  if (manifest.subject) {
    return `${kind ?? `an artifact of type ${type}`} that refers to ${
      manifest.subject.digest
    }`;
  }
  if (kind) {
    return `${kind}, not a ModelKit`;
  }
  if (IMAGE_CONFIG_TYPES.has(manifest.config.mediaType)) {
    return 'a container image, not a ModelKit';
  }
  if (
    manifest.config.mediaType === 'application/vnd.cncf.helm.config.v1+json'
  ) {
    return 'a Helm chart, not a ModelKit';
  }
  return `an artifact of type ${type}, not a ModelKit`;
}

/**
 * Recognises the tags under which the referrers tag schema and cosign keep the signatures,
 * attestations and SBOMs of a digest (`sha256-<hex>`, `sha256-<hex>.sig`, `.att`, `.sbom`),
 * so that listings can skip them without fetching them. Returns why, or undefined.
 *
 * @public
 */
export function describeReferrersTag(tag: string): string | undefined {
  const match = REFERRERS_TAG.exec(tag);
  if (!match) {
    return undefined;
  }
  const subject = `sha256:${match[1]}`;
  switch (match[2]) {
    case 'sig':
      return `the cosign signature tag of ${subject}`;
    case 'att':
      return `the cosign attestation tag of ${subject}`;
    case 'sbom':
      return `the cosign SBOM tag of ${subject}`;
    default:
      return `the referrers tag of ${subject} (signatures, attestations and SBOMs)`;
  }
}
