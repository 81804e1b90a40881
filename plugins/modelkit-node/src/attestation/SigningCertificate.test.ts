import { sign } from 'node:crypto';
import { X509Certificate } from '@sigstore/core';
import { encodeAsn1 } from './asn1Encoding';
import { SigningCertificate } from './SigningCertificate';
import { craftCertificate } from './__testUtils__/craftedCertificates';
import { GITHUB_ISSUER, RELEASE_IDENTITY } from './__testUtils__/fixtures';
import { TestSigstore } from './testing';
import { der } from './testing/der';

describe('SigningCertificate', () => {
  const sigstore = new TestSigstore();

  it('has the public key @sigstore/verify reads from it', () => {
    const certificates = [
      sigstore.issue({ identity: RELEASE_IDENTITY, issuer: GITHUB_ISSUER })
        .certificateDer,
      craftCertificate(sigstore, {
        identity: RELEASE_IDENTITY,
        issuer: GITHUB_ISSUER,
        signedBy: 'root',
      }).der,
      sigstore.intermediate.der,
    ];
    for (const certificateDer of certificates) {
      const parsed = SigningCertificate.parse(certificateDer);
      if (!parsed.ok) {
        throw new Error(parsed.reason);
      }
      const key = parsed.certificate.publicKey();
      expect(
        key.ok && key.value.export({ type: 'spki', format: 'der' }),
      ).toEqual(X509Certificate.parse(Buffer.from(certificateDer)).publicKey);
    }
  });

  it('has no public key where @sigstore/verify reads none (a version 1 certificate)', () => {
    const issuer = sigstore.intermediate;
    const publicKey = sigstore.root.key.publicKey;
    const name = der.sequence(
      der.set(der.sequence(der.oid('2.5.4.3'), der.utf8('v1'))),
    );
    const tbs = der.sequence(
      der.integer(7),
      der.sequence(der.oid('1.2.840.10045.4.3.2')),
      name,
      der.sequence(
        der.utcTime(new Date(Date.now() - 60_000)),
        der.utcTime(new Date(Date.now() + 60_000)),
      ),
      name,
      publicKey.export({ type: 'spki', format: 'der' }),
    );
    const certificateDer = der.sequence(
      tbs,
      der.sequence(der.oid('1.2.840.10045.4.3.2')),
      der.bitString(
        sign('sha256', tbs, {
          key: issuer.key.privateKey,
          dsaEncoding: 'der',
        }),
      ),
    );
    const parsed = SigningCertificate.parse(certificateDer);
    expect(parsed.ok).toBe(true);
    expect(
      () => X509Certificate.parse(Buffer.from(certificateDer)).publicKey,
    ).toThrow();
    expect(parsed.ok && parsed.certificate.publicKey().ok).toBe(false);
  });

  it('reads what it reads once', () => {
    const parsed = SigningCertificate.parse(
      sigstore.issue({ identity: RELEASE_IDENTITY, issuer: GITHUB_ISSUER })
        .certificateDer,
    );
    if (!parsed.ok) {
      throw new Error(parsed.reason);
    }
    const certificate = parsed.certificate;
    expect(certificate.publicKey()).toBe(certificate.publicKey());
    expect(certificate.facts()).toBe(certificate.facts());
    const key = {};
    let computed = 0;
    const compute = () => ++computed;
    expect(certificate.remember('check', key, compute)).toBe(1);
    expect(certificate.remember('check', key, compute)).toBe(1);
    expect(certificate.remember('other check', key, compute)).toBe(2);
    expect(certificate.remember('check', {}, compute)).toBe(3);
    expect(encodeAsn1(certificate.certificate.root)).toEqual(certificate.der);
  });
});
