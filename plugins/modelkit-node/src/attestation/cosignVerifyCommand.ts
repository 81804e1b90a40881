import {
  buildCosignVerifyCommand,
  CosignVerifyCommand,
} from '@kitstage/plugin-modelkit-common';
import { KeylessTrust } from './KeylessTrust';
import { AttestationLayerResult } from './layerResult';

/**
 * The `cosign verify` command that repeats a trusted verification: with the trusted key's
 * name, or with the keyless identity (and trusted root file) that vouched for the signer.
 * Undefined when no trusted signer was found.
 *
 * @param image - The image reference, `<host>/<repository>@<digest>`.
 * @internal
 */
export function cosignVerifyCommandFor(
  image: string,
  result: AttestationLayerResult,
  keyless: KeylessTrust | undefined,
): CosignVerifyCommand | undefined {
  const name = result.signer?.trustedName;
  if (!name) {
    return undefined;
  }
  const common = {
    image,
    kind: result.kind,
    ...(result.predicateType ? { predicateType: result.predicateType } : {}),
    transparencyLog: result.transparencyLog,
    bundleFormat: result.format === 'sigstore-bundle',
  };
  if (result.signer?.type === 'public-key') {
    return buildCosignVerifyCommand({
      ...common,
      signer: { type: 'public-key', keyName: name },
    });
  }
  const identity = keyless?.identities.find(i => i.name === name);
  if (!identity) {
    return undefined;
  }
  return buildCosignVerifyCommand({
    ...common,
    signer: {
      type: 'certificate',
      ...(identity.subject !== undefined
        ? { subject: identity.subject }
        : { subjectPattern: `^(?:${identity.subjectPattern})$` }),
      issuer: identity.issuer,
    },
    ...(keyless?.trustedRootFile
      ? { trustedRootFile: keyless.trustedRootFile }
      : {}),
  });
}
