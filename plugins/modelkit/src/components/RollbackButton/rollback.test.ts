import { digests } from '@kitstage/plugin-modelkit-react/testUtils';
import { historyEntries } from '../../__fixtures__/promotion';
import {
  environmentEntries,
  findRollbackTarget,
  promoteTemplateLink,
  promotionDeliveryOf,
} from './rollback';

describe('findRollbackTarget', () => {
  it('rolls production back from the newest promotion to the one before, whatever the input order', () => {
    const target = findRollbackTarget(historyEntries, 'production');
    expect(target?.current.digest).toBe(digests.v120);
    expect(target?.previous.digest).toBe(digests.v110);
    expect(
      findRollbackTarget([...historyEntries].reverse(), 'production')?.previous
        .digest,
    ).toBe(digests.v110);
  });

  it('skips earlier commits that kept the same digest', () => {
    const repinned = {
      ...historyEntries[2],
      commit: 'c'.repeat(40),
      committedAt: '2026-11-25T10:00:00Z',
    };
    expect(
      findRollbackTarget([...historyEntries, repinned], 'production')?.previous
        .digest,
    ).toBe(digests.v110);
  });

  it('has nothing to roll back to when the environment only ever ran one version', () => {
    expect(findRollbackTarget(historyEntries, 'staging')).toBeUndefined();
    expect(findRollbackTarget(historyEntries, 'qa')).toBeUndefined();
  });

  it('does not roll back when the version in effect is not pinned', () => {
    const unreadable = {
      ...historyEntries[2],
      commit: 'd'.repeat(40),
      committedAt: '2026-11-26T10:00:00Z',
      digest: undefined,
      problem: 'The overlay file was removed',
    };
    expect(
      findRollbackTarget([...historyEntries, unreadable], 'production'),
    ).toBeUndefined();
  });

  it('orders one environment newest first', () => {
    expect(
      environmentEntries(historyEntries, 'production').map(e => e.digest),
    ).toEqual([digests.v120, digests.v110, digests.v100]);
  });
});

describe('promoteTemplateLink', () => {
  it('carries the form as the JSON formData query parameter the scaffolder reads', () => {
    const link = promoteTemplateLink({
      component: 'component:default/support-sentiment-api',
      environment: 'production',
      version: digests.v110,
    });
    const url = new URL(link, 'http://localhost:3000');
    expect(url.pathname).toBe('/create/templates/default/promote-modelkit');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      component: 'component:default/support-sentiment-api',
      environment: 'production',
      version: digests.v110,
    });
  });

  it('keeps characters of the values from breaking out of the parameter', () => {
    const link = promoteTemplateLink({
      component: 'component:default/a&b=c',
      environment: 'x#y',
      version: 'v1',
    });
    const url = new URL(link, 'http://localhost:3000');
    expect([...url.searchParams.keys()]).toEqual(['formData']);
    expect(JSON.parse(url.searchParams.get('formData')!).environment).toBe(
      'x#y',
    );
  });
});

describe('promotionDeliveryOf', () => {
  const component = (annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
  });

  it.each([
    [
      'a pushed branch for a deploy repository on another Git host',
      {
        'kitstage.dev/deploy-repository': 'http://127.0.0.1:7110/svc.git#main',
      },
      'git',
    ],
    [
      'a pull request for a deploy repository on github.com',
      { 'kitstage.dev/deploy-repository': 'https://GitHub.com/ml/svc.git' },
      'github',
    ],
    [
      'the deploy repository over the source location',
      {
        'kitstage.dev/deploy-repository': 'https://git.corp/ml/deploy.git',
        'backstage.io/source-location':
          'url:https://github.com/ml/svc/tree/main/',
      },
      'git',
    ],
    [
      'a pull request for a source location on github.com',
      {
        'backstage.io/source-location':
          'url:https://github.com/ml/svc/tree/main/',
      },
      'github',
    ],
    ['nothing for a Component that names no repository', {}, undefined],
    [
      'nothing for an annotation that is not a URL',
      { 'kitstage.dev/deploy-repository': 'not a url' },
      undefined,
    ],
    [
      'nothing for a source location that is not a url: location',
      { 'backstage.io/source-location': 'file:/srv/svc' },
      undefined,
    ],
  ])('gives %s', (_what, annotations, delivery) => {
    expect(promotionDeliveryOf(component(annotations))).toBe(delivery);
  });

  it('goes into the roll back link', () => {
    const url = new URL(
      promoteTemplateLink({
        component: 'component:default/svc',
        environment: 'staging',
        version: 'sha256:abc',
        delivery: 'git',
      }),
      'http://localhost',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      component: 'component:default/svc',
      environment: 'staging',
      version: 'sha256:abc',
      delivery: 'git',
    });
  });
});
