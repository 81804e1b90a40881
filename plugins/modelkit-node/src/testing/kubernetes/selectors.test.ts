import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

describe('label selectors', () => {
  it('parses every operator', () => {
    expect(
      parseLabelSelector(
        'a=1, b==2,c!=3,d in (x, y),e notin (z),f,!g,h>4,i<5,kitstage.dev/tier=',
      ),
    ).toEqual([
      { key: 'a', operator: '=', value: '1' },
      { key: 'b', operator: '=', value: '2' },
      { key: 'c', operator: '!=', value: '3' },
      { key: 'd', operator: 'in', values: ['x', 'y'] },
      { key: 'e', operator: 'notin', values: ['z'] },
      { key: 'f', operator: 'exists' },
      { key: 'g', operator: 'not-exists' },
      { key: 'h', operator: '>', value: 4 },
      { key: 'i', operator: '<', value: 5 },
      { key: 'kitstage.dev/tier', operator: '=', value: '' },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('matches with the API server semantics', () => {
    const labels = { app: 'api', replicas: '3', empty: '' };
    const match = (selector: string) =>
      matchesLabels(parseLabelSelector(selector), labels);
    expect(match('app=api')).toBe(true);
    expect(match('missing!=x')).toBe(true);
    expect(match('missing notin (x)')).toBe(true);
    expect(match('missing in (x)')).toBe(false);
    expect(match('replicas>2,replicas<4')).toBe(true);
    expect(match('app>1')).toBe(false);
    expect(match('empty=')).toBe(true);
    expect(match('empty')).toBe(true);
    expect(match('!empty')).toBe(false);
    expect(matchesLabels(parseLabelSelector('app'), undefined)).toBe(false);
  });

  it.each([
    ['app in ()', "values set can't be empty"],
    ['app=x y', "found 'y', expected: ',' or 'end of string'"],
    ['a,', "expected: identifier after ','"],
    ['Bad_/x=1', 'prefix part must be a DNS-1123 subdomain'],
    ['x=-1-', 'invalid label value'],
    ['h>x', 'the value must be an integer'],
    ['app ~ x', "found '~'"],
  ])('rejects %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe('field selectors', () => {
  it('parses name and namespace with escapes', () => {
    expect(
      parseFieldSelector('metadata.name=a\\,b,metadata.namespace!=kube-system'),
    ).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a,b' },
      { field: 'metadata.namespace', operator: '!=', value: 'kube-system' },
    ]);
  });

  it('matches name and namespace', () => {
    const requirements = parseFieldSelector(
      'metadata.namespace==nlp,metadata.name!=old',
    );
    expect(matchesFields(requirements, { name: 'api', namespace: 'nlp' })).toBe(
      true,
    );
    expect(matchesFields(requirements, { name: 'old', namespace: 'nlp' })).toBe(
      false,
    );
    expect(matchesFields(requirements, { name: 'api' })).toBe(false);
  });

  it('rejects other fields, naming the supported ones', () => {
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(
      '"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});
