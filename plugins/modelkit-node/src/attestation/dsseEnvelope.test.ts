import {
  decodeBase64Strict,
  isCanonicalBase64,
  parseDsseEnvelope,
  preAuthEncoding,
} from './dsseEnvelope';

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
    const digits =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=';
    // Every text of up to 3 digits, and every last digit after 4, 5 and 6 others.
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
    const differing = texts.filter(text => {
      const decoded = decodeBase64Strict(text);
      const expected = reference(text);
      return decoded && expected
        ? !decoded.equals(expected)
        : decoded !== expected;
    });
    expect(differing).toEqual([]);
    expect(texts.length).toBeGreaterThan(40_000);
    // isCanonicalBase64 answers as decodeBase64Strict does, without decoding padded texts.
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
      },
    });
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
