import { dsse } from '@sigstore/core';
import {
  decodeBase64Strict,
  dsseEnvelopeOf,
  isCanonicalBase64,
  parseDsseEnvelope,
  payloadIsSigned,
  preAuthEncoding,
} from './dsseEnvelope';

/** Every text of up to 3 base64 characters, and every last digit after 4, 5 and 6 others. */
function base64Texts(): string[] {
  const digits =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=';
  const texts = [''];
  for (const a of digits) {
    texts.push(a);
    for (const b of digits) {
      texts.push(a + b);
      for (const c of 'AQgw+/-_=') {
        texts.push(a + b + c);
      }
    }
  }
  for (const prefix of [
    'QUFB',
    'QUFBQ',
    'QUFBQU',
    'QUFBQUF',
    'QUFB-',
    'QUFB+',
  ]) {
    for (const last of digits) {
      texts.push(prefix + last, `${prefix}${last}=`, `${prefix}${last}==`);
    }
  }
  return texts;
}

describe('preAuthEncoding', () => {
  it('matches the DSSE specification test vector', () => {
    expect(
      preAuthEncoding(
        'http://example.com/HelloWorld',
        Buffer.from('hello world'),
      ).toString(),
    ).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters', () => {
    expect(preAuthEncoding('t', Buffer.from('é')).toString()).toBe(
      'DSSEv1 1 t 2 é',
    );
    expect(preAuthEncoding('tÿpe \ud800', Buffer.from('x')).toString()).toBe(
      'DSSEv1 9 tÿpe \ufffd 1 x',
    );
  });

  it.each([
    ['application/vnd.in-toto+json', '{"_type":"x"}'],
    ['', ''],
    ['tÿpe ✓ \ud800', 'payload é'],
  ])('gives the bytes @sigstore/core gives for %p', (type, payload) => {
    expect(preAuthEncoding(type, Buffer.from(payload))).toEqual(
      dsse.preAuthEncoding(type, Buffer.from(payload)),
    );
  });
});

describe('dsseEnvelopeOf', () => {
  it('copies the payload into the pre-authentication encoding', () => {
    const payload = new Uint8Array([1, 2, 3]);
    const envelope = dsseEnvelopeOf('t', payload, []);
    payload[0] = 9;
    expect(envelope.payload).toEqual(Buffer.from([1, 2, 3]));
    expect(envelope.pae).toEqual(preAuthEncoding('t', Buffer.from([1, 2, 3])));
    expect(envelope.payload.buffer).toBe(envelope.pae.buffer);
  });
});

describe('payloadIsSigned', () => {
  it('holds for every envelope read or built here, and for no payload beside the signed bytes', () => {
    const built = dsseEnvelopeOf('t', new Uint8Array([1, 2, 3]), []);
    const parsed = parseDsseEnvelope({
      payloadType: 't',
      payload: Buffer.from('{"a":1}').toString('base64'),
      signatures: [{ sig: Buffer.from('s').toString('base64') }],
    });
    expect(parsed.ok).toBe(true);
    expect(payloadIsSigned(built)).toBe(true);
    expect(
      payloadIsSigned((parsed as { envelope: typeof built }).envelope),
    ).toBe(true);
    // The same bytes elsewhere, a shorter view, or other content: not what was signed.
    expect(payloadIsSigned({ ...built, payload: Buffer.from([1, 2, 3]) })).toBe(
      false,
    );
    expect(
      payloadIsSigned({ ...built, payload: built.pae.subarray(-2, -1) }),
    ).toBe(false);
    expect(
      payloadIsSigned({ ...built, payload: Buffer.from('{"forged":true}') }),
    ).toBe(false);
  });
});

describe('decodeBase64Strict', () => {
  it.each([
    ['aGVsbG8=', 'hello'],
    ['aGVsbG8', 'hello'],
    ['-_8', Buffer.from([0xfb, 0xff]).toString()],
    ['', ''],
  ])('decodes %p', (text, decoded) => {
    expect(decodeBase64Strict(text)?.toString()).toBe(decoded);
  });

  it.each(['aGVsbG9=', 'aGVs bG8=', 'aGVsbG8==', 'aGVs*bG8=', 'a+b_'])(
    'refuses the non-canonical or invalid %p',
    text => {
      expect(decodeBase64Strict(text)).toBeUndefined();
    },
  );

  it('refuses characters beyond ASCII, which Node.js would read by their low byte', () => {
    // U+0141 ends in 0x41 (`A`), U+0144 in 0x44 (`D`), U+0149 in 0x49 (`I`): each text would
    // decode to the bytes of a canonical one.
    for (const text of ['\u0141BCD', 'QUJ\u0144', 'QU\u0149=', '\u2b2bAA']) {
      expect(Buffer.from(text, 'base64').length).toBeGreaterThan(0);
      expect(decodeBase64Strict(text)).toBeUndefined();
    }
  });

  it('accepts exactly the texts that encoding their bytes again gives back', () => {
    // The rule by definition: decode leniently, encode again, compare (padding aside).
    const reference = (text: string) => {
      const urlSafe = !/^[A-Za-z0-9+/]*={0,2}$/.test(text);
      if (urlSafe && !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
        return undefined;
      }
      const bytes = Buffer.from(text, urlSafe ? 'base64url' : 'base64');
      const again = bytes.toString(urlSafe ? 'base64url' : 'base64');
      const strip = (value: string) => value.replace(/=+$/, '');
      return strip(again) === strip(text) &&
        !(text.endsWith('=') && text.length % 4 !== 0)
        ? bytes
        : undefined;
    };
    const texts = base64Texts();
    const differing = texts.filter(text => {
      const decoded = decodeBase64Strict(text);
      const expected = reference(text);
      return decoded && expected
        ? !decoded.equals(expected)
        : decoded !== expected;
    });
    expect(differing).toEqual([]);
    expect(texts.length).toBeGreaterThan(40_000);
    // isCanonicalBase64 answers as decodeBase64Strict does.
    const disagreeing = [
      ...texts,
      '\u0141BCD',
      'QUJ\u0144',
      'QU\u0149=',
      '\u2b2bAA',
      'aGVs bG8=',
      'aGVsbG8=\n',
    ].filter(text => isCanonicalBase64(text) !== !!decodeBase64Strict(text));
    expect(disagreeing).toEqual([]);
  });
});

describe('parseDsseEnvelope', () => {
  it('decodes payload and signatures', () => {
    expect(
      parseDsseEnvelope({
        payloadType: 'application/vnd.in-toto+json',
        payload: 'e30=',
        signatures: [{ sig: 'AQID' }, { keyid: 'k', sig: '' }],
      }),
    ).toEqual({
      ok: true,
      envelope: {
        payloadType: 'application/vnd.in-toto+json',
        payload: Buffer.from('{}'),
        signatures: [
          { keyid: '', sig: Buffer.from([1, 2, 3]) },
          { keyid: 'k', sig: Buffer.alloc(0) },
        ],
        pae: Buffer.from('DSSEv1 28 application/vnd.in-toto+json 2 {}'),
      },
    });
  });

  it('reads only the envelope fields, within their limits', () => {
    const signature = { keyid: 'k'.repeat(512), sig: '-_8' };
    expect(
      parseDsseEnvelope({
        payloadType: 't',
        payload: '',
        signatures: Array.from({ length: 1000 }, () => ({
          ...signature,
          extra: true,
        })),
        extra: 'ignored',
      }),
    ).toEqual({
      ok: true,
      envelope: {
        payloadType: 't',
        payload: Buffer.alloc(0),
        signatures: Array.from({ length: 1000 }, () => ({
          keyid: 'k'.repeat(512),
          sig: Buffer.from([0xfb, 0xff]),
        })),
        pae: Buffer.from('DSSEv1 1 t 0 '),
      },
    });
  });

  it('decodes the payload into its pre-authentication encoding exactly as decodeBase64Strict decodes it', () => {
    const type = 'application/vnd.in-toto+json';
    const texts = [
      ...base64Texts(),
      '\u0141BCD',
      'QUJ\u0144',
      'QU\u0149=',
      'aGVs bG8=',
      'aGVsbG8=\n',
      'QQ==QUFB',
      'Q=FBQUFB',
      Buffer.from('x'.repeat(5000)).toString('base64'),
      Buffer.from('x'.repeat(5001)).toString('base64url'),
    ];
    const differing = texts.filter(text => {
      const parsed = parseDsseEnvelope({
        payloadType: type,
        payload: text,
        signatures: [],
      });
      const expected = decodeBase64Strict(text);
      if (!parsed.ok || !expected) {
        return parsed.ok !== !!expected;
      }
      const { payload, pae } = parsed.envelope;
      return (
        !payload.equals(expected) ||
        !pae.equals(preAuthEncoding(type, expected)) ||
        payload.buffer !== pae.buffer ||
        payload.byteOffset !== pae.byteOffset + pae.length - payload.length
      );
    });
    expect(differing).toEqual([]);
  });

  it.each([
    [{}, 'payloadType: '],
    [[], '(root): '],
    [
      { payloadType: 't', payload: '', signatures: [{ keyid: null, sig: '' }] },
      'signatures[0].keyid: ',
    ],
    [
      {
        payloadType: 't',
        payload: '',
        signatures: [{ keyid: 'k'.repeat(513), sig: '' }],
      },
      'signatures[0].keyid: ',
    ],
    [
      {
        payloadType: 't',
        payload: '',
        signatures: Array.from({ length: 1001 }, () => ({ sig: '' })),
      },
      'signatures: ',
    ],
    [{ payloadType: 't', payload: '', signatures: [[]] }, 'signatures[0]: '],
    [
      { payloadType: '', payload: '', signatures: [] },
      'payloadType: must not be empty',
    ],
    [
      { payloadType: 't', payload: '!!', signatures: [] },
      'payload: the payload is not valid base64',
    ],
    [
      { payloadType: 't', payload: '', signatures: [{ sig: 5 }] },
      'signatures[0].sig: ',
    ],
  ])('names what is wrong in %p', (json, message) => {
    const result = parseDsseEnvelope(json);
    expect(result).toEqual({
      ok: false,
      reason: expect.stringContaining(
        `the DSSE envelope is invalid: ${message}`,
      ),
    });
  });
});
