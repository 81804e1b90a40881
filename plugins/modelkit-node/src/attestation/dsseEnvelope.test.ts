import {
  decodeBase64Strict,
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

  it.each([
    [{}, 'payloadType: '],
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
