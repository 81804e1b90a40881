/**
 * Demo attestations as OCI 1.1 referrers in the layout: a DSSE envelope layer with artifact
 * type `application/vnd.in-toto+json`, listed in `index.json` without a reference name.
 */
import {
  buildAttestationReferrer,
  signDsseEnvelope,
  TestArtifact,
  TestDsseEnvelope,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { hoursAfter } from './attestationPredicates';
import type { DemoVersionInfo } from './demoLayout';
import type { DemoSigningKey } from './keys';
import { Artifact, LayoutWriter, MediaTypes } from './layout';

const IN_TOTO_ARTIFACT = 'application/vnd.in-toto+json';
const DSSE_LAYER = 'application/vnd.dsse.envelope.v1+json';

/** What the portal should show for one demo attestation. */
export type DemoAttestationState =
  | 'verified'
  | 'untrusted-signer'
  | 'invalid-signature'
  | 'subject-mismatch'
  | 'unsigned'
  | 'malformed';

/** One demo attestation, as listed in the demo README and checked by the backend tests. */
export interface DemoAttestation {
  modelKit: string;
  version: string;
  what: string;
  state: DemoAttestationState;
}

/** A DSSE envelope of the payload signed by the key, under `keyid`. */
export function signed(
  key: DemoSigningKey,
  payload: Record<string, unknown>,
  keyid = key.name,
): TestDsseEnvelope {
  return signDsseEnvelope({ payload, signers: [{ key, keyid }] });
}

/** The layout's artifact for a referrer built by the test builders. */
function toArtifact(referrer: TestArtifact): Artifact {
  return {
    descriptor: {
      mediaType: referrer.mediaType,
      digest: referrer.digest,
      size: referrer.size,
      ...(referrer.descriptor.artifactType
        ? { artifactType: referrer.descriptor.artifactType }
        : {}),
    },
    raw: Buffer.from(referrer.raw),
    blobs: referrer.blobs,
  };
}

/** Adds attestations to a layout as referrers, and lists what each one should show. */
export class DemoReferrers {
  readonly listed: DemoAttestation[] = [];
  readonly #writer: LayoutWriter;

  constructor(writer: LayoutWriter) {
    this.#writer = writer;
  }

  /**
   * Adds the envelope (or, for an unreadable one, its text) as a referrer of the version,
   * created `createdHours` after the version.
   */
  attach = (
    version: DemoVersionInfo,
    what: string,
    state: DemoAttestationState,
    envelope: TestDsseEnvelope | string,
    createdHours: number,
  ): void => {
    const referrer = buildAttestationReferrer({
      subject: {
        mediaType: MediaTypes.manifest,
        digest: version.digest,
        size: version.size,
      },
      artifactType: IN_TOTO_ARTIFACT,
      layers: [
        {
          content:
            typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
          mediaType: DSSE_LAYER,
        },
      ],
      annotations: {
        'org.opencontainers.image.created': hoursAfter(
          version.created,
          createdHours,
        ),
      },
    });
    this.#writer.addUntagged(toArtifact(referrer));
    this.listed.push({
      modelKit: version.name,
      version: version.version,
      what,
      state,
    });
  };
}
