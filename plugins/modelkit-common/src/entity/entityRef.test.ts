import { ENTITY_REF_PATTERN, isEntityRef } from './entityRef';

const pattern = new RegExp(ENTITY_REF_PATTERN, 'u');

describe('isEntityRef', () => {
  it.each([
    'nlp-team',
    'group:nlp-team',
    'group:default/nlp-team',
    'Group:Default/nlp-team',
    'modelkit:sentiment-base',
    'modelkit:ml/sentiment_base.v2',
    'user:jane.doe',
    `modelkit:${'n'.repeat(63)}`,
    `${'K'.repeat(63)}:${'s'.repeat(63)}/name`,
  ])('accepts %s, and so does the JSON schema pattern', value => {
    expect(isEntityRef(value)).toBe(true);
    expect(pattern.test(value)).toBe(true);
  });

  it.each([
    '',
    'group:',
    ':nlp-team',
    'group:default/',
    'nlp team',
    'a:b:c',
    'a/b/c',
    'group:-team/x',
    '9group:nlp-team',
    'group:nlp-team-',
    `modelkit:${'n'.repeat(64)}`,
    `${'K'.repeat(64)}:name`,
    `group:${'s'.repeat(64)}/name`,
  ])('rejects %j, and so does the JSON schema pattern', value => {
    expect(isEntityRef(value)).toBe(false);
    expect(pattern.test(value)).toBe(false);
  });
});
