import { Bundle as ProtobufBundle } from '@sigstore/protobuf-specs';
import { parseSigstoreBundle, readWellFormedBundle } from './sigstoreBundle';
import {
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { TestSigstore } from './testing';

const DIGEST = `sha256:${'4f3c'.repeat(16)}`;

/** Values that each member is set to in turn, valid or not. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  1,
  '',
  'x',
  'AQID',
  'AQI',
  'AQI=',
  'AQJ=',
  'AR==',
  '-_-_',
  'AQ ID',
  'AQID\n',
  '\u0141BCD',
  '!!',
  [],
  ['AQID'],
  [{}],
  [{ sig: 'AQID' }],
  {},
  { envelope: 'x' },
  { keyId: 'AQID' },
  true,
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/json',
];

/** Every member path of a JSON value. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, member]) => [
    [...prefix, key],
    ...paths(member, [...prefix, key]),
  ]);
}

/** A copy of `value` with the member at `path` set to `member` (removed when undefined). */
function withMember(value: unknown, path: string[], member: unknown) {
  const copy = JSON.parse(JSON.stringify(value));
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    parent = parent[key];
  }
  if (member === undefined) {
    delete parent[path[path.length - 1]];
  } else {
    parent[path[path.length - 1]] = member;
  }
  return copy;
}

describe('parseSigstoreBundle', () => {
  const sigstore = new TestSigstore();
  const bundle = sigstore.bundle({
    statement: scanStatement(DIGEST),
    identity: RELEASE_IDENTITY,
    issuer: GITHUB_ISSUER,
  }) as Record<string, any>;
  const rawBytes = bundle.verificationMaterial.certificate.rawBytes;
  const entry = bundle.verificationMaterial.tlogEntries[0];
  const checkpoint: string = entry.inclusionProof.checkpoint.envelope;
  const [note, signatures] = checkpoint.split('\n\n');
  const signatureLine = signatures.split('\n')[0];
  const [, origin, checkpointSignature] = signatureLine.split(' ');

  /** Variants: every member set to every value in turn, and members other layouts have. */
  const variants: unknown[] = [
    bundle,
    ...paths(bundle).flatMap(path =>
      VALUES.map(member => withMember(bundle, path, member)),
    ),
    withMember(bundle, ['messageSignature'], {
      messageDigest: { algorithm: 'SHA2_256', digest: 'AQID' },
      signature: 'AQID',
    }),
    withMember(bundle, ['verificationMaterial', 'publicKey'], { hint: 'k' }),
    withMember(bundle, ['verificationMaterial', 'x509CertificateChain'], {
      certificates: [{ rawBytes }],
    }),
    withMember(
      bundle,
      [
        'verificationMaterial',
        'timestampVerificationData',
        'rfc3161Timestamps',
      ],
      [{ signedTimestamp: 'AQID' }],
    ),
    withMember(
      bundle,
      [
        'verificationMaterial',
        'timestampVerificationData',
        'rfc3161Timestamps',
      ],
      [{ signedTimestamp: 'AQJ=' }],
    ),
    withMember(bundle, ['verificationMaterial', 'tlogEntries'], [entry, entry]),
    withMember(
      bundle,
      ['verificationMaterial', 'tlogEntries', '0', 'inclusionProof', 'hashes'],
      ['AQID', 'AR=='],
    ),
    withMember(
      bundle,
      ['verificationMaterial', 'tlogEntries', '0', 'inclusionProof', 'hashes'],
      ['AQID', '-_-_'],
    ),
    // A checkpoint signature that is not canonical base64.
    withMember(
      bundle,
      [
        'verificationMaterial',
        'tlogEntries',
        '0',
        'inclusionProof',
        'checkpoint',
      ],
      {
        envelope: `${note}\n\n\u2014 ${origin} ${checkpointSignature.replace(
          /=$/,
          '',
        )}x=\n`,
      },
    ),
    withMember(bundle, ['dsseEnvelope', 'signatures'], []),
    withMember(bundle, ['dsseEnvelope', 'signatures', '0', 'extra'], 'x'),
    withMember(bundle, ['extra'], { any: 'thing' }),
    JSON.parse(`{"__proto__": {}, ${JSON.stringify(bundle).slice(1)}`),
  ];

  it('reads well-formed bundles by hand into what the protobuf JSON reader returns', () => {
    const read = variants.filter(variant => readWellFormedBundle(variant));
    expect(read.length).toBeGreaterThan(50);
    const differing = read.filter(variant => {
      try {
        expect(readWellFormedBundle(variant)).toStrictEqual(
          ProtobufBundle.fromJSON(variant),
        );
        return false;
      } catch {
        return true;
      }
    });
    expect(differing).toEqual([]);
  });

  it('gives every bundle the outcome bundleFromJSON and the strict base64 check give', () => {
    const outcomes = variants.map(variant => {
      const content = Buffer.from(JSON.stringify(variant));
      return [
        parseSigstoreBundle(content),
        parseSigstoreBundle(content, { readByHand: false }),
      ];
    });
    for (const [byHand, reference] of outcomes) {
      expect(byHand).toStrictEqual(reference);
    }
    // Both outcomes occur: the variants test the reader's refusals as well as its readings.
    expect(outcomes.filter(([o]) => o.ok).length).toBeGreaterThan(50);
    expect(outcomes.filter(([o]) => !o.ok).length).toBeGreaterThan(100);
  });

  it('refuses a bundle whose bytes fields are not canonical base64, naming the field', () => {
    const changed = withMember(
      bundle,
      ['verificationMaterial', 'tlogEntries', '0', 'canonicalizedBody'],
      // Both alphabets at once (`+` of standard base64, `_` of base64url) is never a
      // canonical encoding, whatever the body's length.
      `+${entry.canonicalizedBody.replace(/=*$/, '').slice(1, -1)}_`,
    );
    expect(readWellFormedBundle(changed)).toBeUndefined();
    expect(parseSigstoreBundle(Buffer.from(JSON.stringify(changed)))).toEqual({
      ok: false,
      reason:
        'the Sigstore bundle is invalid: verificationMaterial.tlogEntries[0].canonicalizedBody is not valid base64',
    });
  });

  it('leaves bundles of other layouts to bundleFromJSON', () => {
    expect(readWellFormedBundle(bundle)).toBeDefined();
    for (const path of [
      ['verificationMaterial', 'publicKey'],
      ['verificationMaterial', 'x509CertificateChain'],
      ['messageSignature'],
    ]) {
      expect(
        readWellFormedBundle(withMember(bundle, path, {})),
      ).toBeUndefined();
    }
    expect(
      readWellFormedBundle(
        withMember(bundle, ['verificationMaterial', 'certificate'], undefined),
      ),
    ).toBeUndefined();
  });
});
