import { ASN1Obj, X509Certificate } from '@sigstore/core';
import { encodeAsn1 } from './asn1Encoding';
import { craftCertificate } from './__testUtils__/craftedCertificates';
import { GITHUB_ISSUER, RELEASE_IDENTITY } from './__testUtils__/fixtures';
import { TestSigstore } from './testing';

describe('encodeAsn1', () => {
  const sigstore = new TestSigstore();
  const certificates = [
    sigstore.root.der,
    sigstore.intermediate.der,
    sigstore.issue({ identity: RELEASE_IDENTITY, issuer: GITHUB_ISSUER })
      .certificateDer,
    craftCertificate(sigstore, {
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
      onlySct: true,
    }).der,
  ];

  it.each(certificates.map((der, i) => [i, der]))(
    'encodes certificate %i exactly as ASN1Obj.toDER()',
    (_, der) => {
      const certificate = X509Certificate.parse(Buffer.from(der));
      expect(encodeAsn1(certificate.root)).toEqual(certificate.root.toDER());
      expect(encodeAsn1(certificate.root)).toEqual(der);
      expect(encodeAsn1(certificate.tbsCertificate)).toEqual(
        certificate.tbsCertificate.toDER(),
      );
    },
  );

  it.each(certificates.map((der, i) => [i, der]))(
    'leaves out a child as toDER() does once it is spliced out (certificate %i)',
    (_, der) => {
      const certificate = X509Certificate.parse(Buffer.from(der));
      certificate.extensions.forEach((extension, index) => {
        const clone = certificate.clone();
        clone.extensions.splice(index, 1);
        expect(encodeAsn1(certificate.tbsCertificate, extension)).toEqual(
          clone.tbsCertificate.toDER(),
        );
      });
    },
  );

  it('encodes long lengths in their minimal form', () => {
    const certificate = X509Certificate.parse(Buffer.from(sigstore.root.der));
    for (const length of [0, 127, 128, 255, 256, 65535, 65536]) {
      const value = Buffer.alloc(length, 1);
      const obj = new ASN1Obj(
        certificate.tbsCertificate.subs[1].tag,
        value,
        [],
      );
      expect(encodeAsn1(obj)).toEqual(obj.toDER());
    }
  });
});
