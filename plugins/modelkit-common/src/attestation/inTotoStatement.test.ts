import { OTHER_DIGEST, SUBJECT_DIGEST } from './__fixtures__/predicates';
import { parseInTotoStatement, statementNamesDigest } from './inTotoStatement';

const hex = SUBJECT_DIGEST.slice('sha256:'.length);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('parseInTotoStatement', () => {
  it.each([
    'https://in-toto.io/Statement/v1',
    'https://in-toto.io/Statement/v0.1',
  ])('reads statements of type %s from bytes', type => {
    const result = parseInTotoStatement(
      Buffer.from(
        JSON.stringify({
          _type: type,
          subject: [{ name: 'model', digest: { sha256: hex } }],
          predicateType: 'https://slsa.dev/provenance/v1',
          predicate: { buildDefinition: {} },
          extension: 'ignored',
        }),
      ),
    );
    expect(result).toEqual({
      ok: true,
      statement: {
        _type: type,
        subject: [{ name: 'model', digest: { sha256: hex } }],
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: { buildDefinition: {} },
      },
    });
  });

  it.each([
    [new Uint8Array([0xff, 0xfe]), 'the payload is not UTF-8 text'],
    ['{"_type":', 'the payload is not JSON'],
    [
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v2',
        subject: [{ digest: { sha256: hex } }],
        predicateType: 'x',
      }),
      '_type: must be "https://in-toto.io/Statement/v1" or "https://in-toto.io/Statement/v0.1"',
    ],
    [
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [],
        predicateType: 'x',
      }),
      'subject: must list at least one subject',
    ],
    [
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'model', digest: {} }],
        predicateType: 'x',
      }),
      'subject[0].digest: must name at least one digest',
    ],
    [
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: { sha256: hex } }],
        predicateType: '',
      }),
      'predicateType: must not be empty',
    ],
    [
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ digest: { sha256: hex } }],
        predicateType: 'x',
        predicate: [1],
      }),
      'predicate: ',
    ],
  ])('rejects %p naming what is wrong', (payload, issue) => {
    const result = parseInTotoStatement(payload);
    expect(result).toEqual({
      ok: false,
      issues: [expect.stringMatching(`^${escape(issue)}`)],
    });
  });
});

describe('statementNamesDigest', () => {
  it('matches subjects by digest only, never by name', () => {
    expect(
      statementNamesDigest(
        [
          { digest: { sha512: 'ab' } },
          { digest: { sha256: hex.toUpperCase() } },
        ],
        SUBJECT_DIGEST,
      ),
    ).toBe(true);
    expect(
      statementNamesDigest(
        [{ digest: { sha256: OTHER_DIGEST.slice(7) } }],
        SUBJECT_DIGEST,
      ),
    ).toBe(false);
    expect(
      statementNamesDigest([{ digest: { sha1: hex } }], SUBJECT_DIGEST),
    ).toBe(false);
    expect(
      statementNamesDigest(
        [{ digest: JSON.parse(`{"__proto__": "${hex}"}`) }],
        'x:y',
      ),
    ).toBe(false);
  });

  it('compares the hex digits of any algorithm regardless of case', () => {
    expect(
      statementNamesDigest(
        [{ digest: { sha256: hex } }],
        `sha256:${hex.toUpperCase()}`,
      ),
    ).toBe(true);
    expect(
      statementNamesDigest([{ digest: { sha512: 'AbC' } }], 'sha512:aBc'),
    ).toBe(true);
    expect(
      statementNamesDigest(
        [{ digest: { sha512: 'abd' } }, { digest: { sha256: 'abc' } }],
        'sha512:abc',
      ),
    ).toBe(false);
    // Only `sha256:` itself names the sha256 member.
    expect(
      statementNamesDigest([{ digest: { sha256: hex } }], `sha2567:${hex}`),
    ).toBe(false);
    expect(
      statementNamesDigest(
        [
          { digest: { sha256: 5 as unknown as string } },
          { digest: { sha256: hex } },
        ],
        SUBJECT_DIGEST,
      ),
    ).toBe(true);
  });
});
