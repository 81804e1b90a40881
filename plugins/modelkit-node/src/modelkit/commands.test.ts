import { buildModelKitCommands } from './commands';

describe('buildModelKitCommands', () => {
  it('builds kit commands for a tag or a digest', () => {
    expect(
      buildModelKitCommands('registry.example.com/team/support-sentiment', {
        tag: 'v1.0.0',
      }),
    ).toEqual({
      pull: 'kit pull registry.example.com/team/support-sentiment:v1.0.0',
      unpack:
        'kit unpack registry.example.com/team/support-sentiment:v1.0.0 -d support-sentiment',
      inspect:
        'kit inspect --remote registry.example.com/team/support-sentiment:v1.0.0',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(
      buildModelKitCommands(
        { registry: 'localhost:5000', repository: 'model' },
        { digest },
      ).pull,
    ).toBe(`kit pull localhost:5000/model@${digest}`);
  });

  it('refuses anything that is not a reference, so nothing reaches a shell', () => {
    for (const tag of [
      'v1;rm -rf ~',
      'v1 && curl x',
      '$(id)',
      'a'.repeat(129),
    ]) {
      expect(() =>
        buildModelKitCommands('registry.example.com/team/model', { tag }),
      ).toThrow(/Invalid OCI tag/);
    }
    expect(() =>
      buildModelKitCommands('registry.example.com/team/model;id', {
        tag: 'v1',
      }),
    ).toThrow(/Invalid OCI repository/);
    expect(() =>
      buildModelKitCommands('registry.example.com/team/model', {
        digest: 'sha256:`id`',
      }),
    ).toThrow(/Invalid OCI digest/);
  });
});
