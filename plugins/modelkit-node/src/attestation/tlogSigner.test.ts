import { createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { TransparencyLogEntry } from '@sigstore/bundle';
import { tlogSignerProblem } from './tlogSigner';
import { TestSigstore } from './testing';
import { GITHUB_ISSUER, RELEASE_IDENTITY } from './__testUtils__/fixtures';

function entryOf(body: unknown): TransparencyLogEntry {
  return {
    canonicalizedBody: Buffer.from(
      typeof body === 'string' ? body : JSON.stringify(body),
    ),
  } as TransparencyLogEntry;
}

function pemOf(der: Buffer, label: string): string {
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${base64.replace(
    /\n$/,
    '',
  )}\n-----END ${label}-----\n`;
}

describe('tlogSignerProblem', () => {
  const sigstore = new TestSigstore();
  const signer = sigstore.issue({
    identity: RELEASE_IDENTITY,
    issuer: GITHUB_ISSUER,
  });
  const other = sigstore.issue({
    identity: RELEASE_IDENTITY,
    issuer: GITHUB_ISSUER,
  });
  const certificate = signer.certificateDer;
  const envelope = {
    payloadType: 'application/vnd.in-toto+json',
    payload: Buffer.from('{}').toString('base64'),
    signatures: [{ keyid: '', sig: Buffer.from('sig').toString('base64') }],
  };
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  const ownKey = spki(createPublicKey(signer.privateKey));

  const v2Dsse = (verifier: unknown) => ({
    kind: 'dsse',
    apiVersion: '0.0.2',
    spec: {
      dsseV002: {
        payloadHash: { algorithm: 'SHA2_256', digest: '' },
        signatures: [{ content: '', verifier }],
      },
    },
  });

  it('accepts entries that record this certificate or its key', () => {
    const bodies = [
      TestSigstore.intotoEntry(envelope, signer.certificatePem),
      TestSigstore.dsseEntry(envelope, signer.certificatePem),
      TestSigstore.hashedRekordEntry(
        Buffer.from('m'),
        Buffer.from('s'),
        signer.certificatePem,
      ),
      TestSigstore.hashedRekordEntry(
        Buffer.from('m'),
        Buffer.from('s'),
        pemOf(ownKey, 'PUBLIC KEY'),
      ),
      v2Dsse({ x509Certificate: { rawBytes: certificate.toString('base64') } }),
      v2Dsse({ publicKey: { rawBytes: ownKey.toString('base64') } }),
      {
        kind: 'hashedrekord',
        apiVersion: '0.0.2',
        spec: {
          hashedRekordV002: {
            signature: {
              content: '',
              verifier: {
                x509Certificate: { rawBytes: certificate.toString('base64') },
              },
            },
          },
        },
      },
    ];
    for (const body of bodies) {
      expect(tlogSignerProblem([entryOf(body)], certificate)).toBeUndefined();
    }
  });

  it('refuses entries that record another signer, or none it can read', () => {
    const otherKey = spki(
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey,
    );
    const cases: Array<[unknown, string]> = [
      [
        TestSigstore.intotoEntry(envelope, other.certificatePem),
        'another certificate',
      ],
      [
        TestSigstore.dsseEntry(envelope, other.certificatePem),
        'another certificate',
      ],
      [
        TestSigstore.dsseEntry(
          envelope,
          signer.certificatePem + other.certificatePem,
        ),
        'does not name its signer',
      ],
      [
        TestSigstore.hashedRekordEntry(
          Buffer.from('m'),
          Buffer.from('s'),
          pemOf(otherKey, 'PUBLIC KEY'),
        ),
        'another key',
      ],
      [
        v2Dsse({
          x509Certificate: {
            rawBytes: other.certificateDer.toString('base64'),
          },
        }),
        'another certificate',
      ],
      [v2Dsse({}), 'does not name its signer'],
      [
        {
          ...TestSigstore.dsseEntry(envelope, signer.certificatePem),
          spec: {},
        },
        'does not name its signer',
      ],
      [{ kind: 'rekord', apiVersion: '0.0.1', spec: {} }, 'does not name'],
      ['not json', 'not JSON'],
    ];
    for (const [body, reason] of cases) {
      expect(tlogSignerProblem([entryOf(body)], certificate)).toContain(reason);
    }
    // Every entry must name it.
    expect(
      tlogSignerProblem(
        [
          entryOf(TestSigstore.dsseEntry(envelope, signer.certificatePem)),
          entryOf(TestSigstore.dsseEntry(envelope, other.certificatePem)),
        ],
        certificate,
      ),
    ).toContain('another certificate');
  });
});
