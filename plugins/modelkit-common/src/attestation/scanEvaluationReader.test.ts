import { inTotoStatementSchema, parseInTotoStatement } from './inTotoStatement';
import {
  SCAN_FINDING_SEVERITIES,
  scanEvaluationPredicateSchema,
} from './scanEvaluation';
import { readScanEvaluation } from './scanEvaluationReader';
import { dateTimeMillis } from './schemaIssues';

const DIGEST = `sha256:${'4f3c'.repeat(16)}`;
const RULES = {
  severities: SCAN_FINDING_SEVERITIES,
  ociDigest: /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/,
};

const PREDICATE = {
  scanner: { name: 'modelscan', version: '0.8.1', uri: 'https://x', extra: 1 },
  modelKit: { reference: 'registry/model:v1', digest: DIGEST },
  result: 'pass',
  metrics: [
    {
      name: 'accuracy',
      value: 0.91,
      unit: 'ratio',
      description: 'top-1',
      threshold: { min: 0.85 },
    },
    { name: 'latency', value: 12 },
  ],
  findings: [
    {
      id: 'MS-1',
      severity: 'concern',
      title: 'Pickle file',
      description: 'd',
      category: 'unsafe',
      location: { path: 'model.pkl', layerDigest: DIGEST, line: 3 },
      references: ['https://a'],
    },
    { severity: 'info', title: 'Weights are safetensors' },
  ],
  timing: {
    startedOn: '2026-03-01T10:00:00Z',
    finishedOn: '2026-03-01T11:04:30.5+01:00',
  },
  invocation: { uri: 'https://ci/run/1' },
};

/** Values that each member is set to in turn, valid or not. */
const VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  '',
  'x',
  'x'.repeat(201),
  'x'.repeat(5000),
  [],
  ['a'],
  Array(51).fill('a'),
  {},
  { min: 1 },
  true,
  DIGEST,
  DIGEST.toUpperCase(),
  `sha256:${'4f3c'.repeat(16)}0`,
  `sha256:${'4f3c'.repeat(15)}4f3g`,
  `sha256:${'4f3c'.repeat(15)}4f3/`,
  `sha512:${'4f3c'.repeat(32)}`,
  `sha384:${'4f3c'.repeat(24)}`,
  'sha256:abc',
  'fail',
  'error',
  'bogus',
  '2026-03-01T10:00:00Z',
  '2027-03-01T10:00:00Z',
  '2026-13-01T10:00:00Z',
  [{ name: 'm', value: 1 }],
  [{ severity: 'info', title: 't' }],
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

function variants(value: unknown): unknown[] {
  return [
    value,
    ...paths(value).flatMap(path =>
      VALUES.map(member => withMember(value, path, member)),
    ),
  ];
}

describe('readScanEvaluation', () => {
  it('reads a well-formed predicate by hand', () => {
    const read = readScanEvaluation(PREDICATE, RULES);
    expect(read).toBeDefined();
    expect(read?.startedMs).toBe(Date.parse(PREDICATE.timing.startedOn));
    expect(read?.finishedMs).toBe(Date.parse(PREDICATE.timing.finishedOn));
  });

  it('reads exactly what the schema returns, or leaves the predicate to it', () => {
    const read: unknown[] = [];
    const parsed: unknown[] = [];
    for (const predicate of variants(PREDICATE)) {
      const fast = readScanEvaluation(predicate, RULES);
      if (fast) {
        read.push(fast.predicate);
        const schema = scanEvaluationPredicateSchema.safeParse(predicate);
        parsed.push(schema.success ? schema.data : schema.error.issues);
      }
    }
    expect(read.length).toBeGreaterThan(100);
    expect(read).toStrictEqual(parsed);
    // The same members in the same order.
    expect(read.map(p => JSON.stringify(p))).toEqual(
      parsed.map(p => JSON.stringify(p)),
    );
  });

  it('leaves a member present as undefined to the schema, which keeps its key', () => {
    expect(
      readScanEvaluation(
        { ...PREDICATE, scanner: { name: 'n', version: undefined } },
        RULES,
      ),
    ).toBeUndefined();
  });

  it('ignores unknown members, __proto__ included, as the schema does', () => {
    const proto = JSON.parse(
      JSON.stringify(PREDICATE).replace('"extra":1', '"__proto__":{"a":1}'),
    );
    expect(readScanEvaluation(proto, RULES)?.predicate).toStrictEqual(
      scanEvaluationPredicateSchema.parse(proto),
    );
  });
});

describe('parseInTotoStatement read by hand', () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [
      { name: 'modelkit', uri: 'u', digest: { sha256: 'ab', sha512: 'cd' } },
      { digest: { x: 'y' }, extra: 1 },
    ],
    predicateType: 'https://example.com/p',
    predicate: { a: 1, b: [1, { c: 2 }] },
    extra: true,
  };
  const more: unknown[] = [
    'https://in-toto.io/Statement/v0.1',
    { sha256: 'x'.repeat(1025) },
    { ['k'.repeat(65)]: 'v' },
    { '': 'v' },
    [{ digest: {} }],
  ];

  it('gives exactly what the schema gives, valid or not', () => {
    const values = [
      ...variants(statement),
      ...paths(statement).flatMap(path =>
        more.map(member => withMember(statement, path, member)),
      ),
      JSON.parse(JSON.stringify(statement).replace('"sha256"', '"__proto__"')),
      JSON.parse(JSON.stringify(statement).replace('"a":1', '"__proto__":1')),
    ];
    const read = values.map(value => {
      const parsed = parseInTotoStatement(JSON.stringify(value));
      return parsed.ok ? parsed.statement : undefined;
    });
    const parsed = values.map(value => {
      const schema = inTotoStatementSchema.safeParse(
        JSON.parse(JSON.stringify(value)),
      );
      return schema.success ? schema.data : undefined;
    });
    expect(read.filter(Boolean).length).toBeGreaterThan(50);
    expect(read).toStrictEqual(parsed);
    expect(read.map(s => JSON.stringify(s))).toEqual(
      parsed.map(s => JSON.stringify(s)),
    );
  });
});

describe('dateTimeMillis', () => {
  const DATE_TIME =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
  const expected = (text: string) =>
    DATE_TIME.test(text) ? Date.parse(text) : NaN;

  it('gives what Date.parse gives for a date-time, and NaN for anything else', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const texts = [
      '1970-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-30T00:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:00:60Z',
      '0099-03-01T10:00:00Z',
      '2026-03-01T10:00:00.5Z',
      '2026-03-01t10:00:00z',
      '2026-03-01T10:00:00+01:00',
      '2026-03-01T10:00Z',
      '2026-03-01 10:00:00Z',
      '',
    ];
    let seed = 7;
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * below);
    };
    for (let i = 0; i < 20_000; i++) {
      let text = `${pad(random(10_000), 4)}-${pad(random(14), 2)}-${pad(
        random(33),
        2,
      )}T${pad(random(26), 2)}:${pad(random(62), 2)}:${pad(random(62), 2)}${
        random(2) ? `.${pad(random(1000), 3)}` : ''
      }Z`;
      if (random(3) === 0) {
        const at = random(text.length);
        text = `${text.slice(0, at)}${'09-T:.Zz+x '[random(11)]}${text.slice(
          at + 1,
        )}`;
      }
      texts.push(text);
    }
    expect(texts.map(dateTimeMillis)).toEqual(texts.map(expected));
  });
});
