import { Kitfile } from '@kitstage/plugin-modelkit-common';
import { findModelKitReferences } from './findModelKitReferences';

describe('findModelKitReferences', () => {
  it('finds the base model and the ModelKits datasets come from', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      model: { path: 'registry.example.com/team/base:v2.0.0', parts: [] },
      datasets: [
        {
          name: 'tickets',
          path: 'data/tickets',
          remotePath: 'registry.example.com/team/tickets:v1',
        },
        { name: 'local', path: 'data/local.csv' },
        {
          name: 's3',
          path: 'data/s3.csv',
          remotePath: 's3://bucket/key.csv',
          remoteHash: 'abc',
        },
        {
          path: 'data/pinned',
          remotePath: `ghcr.io/org/data@sha256:${'c'.repeat(64)}`,
        },
        { name: 'kit-local', path: 'data/kit', remotePath: 'my-data:latest' },
      ],
    };
    expect(findModelKitReferences(kitfile)).toEqual({
      baseModel: {
        role: 'base-model',
        field: 'model.path',
        value: 'registry.example.com/team/base:v2.0.0',
        reference: {
          registry: 'registry.example.com',
          repository: 'team/base',
          tag: 'v2.0.0',
        },
      },
      datasets: [
        {
          role: 'dataset',
          field: 'datasets[0].remotePath',
          value: 'registry.example.com/team/tickets:v1',
          name: 'tickets',
          reference: {
            registry: 'registry.example.com',
            repository: 'team/tickets',
            tag: 'v1',
          },
        },
        {
          role: 'dataset',
          field: 'datasets[3].remotePath',
          value: `ghcr.io/org/data@sha256:${'c'.repeat(64)}`,
          reference: {
            registry: 'ghcr.io',
            repository: 'org/data',
            digest: `sha256:${'c'.repeat(64)}`,
          },
        },
        {
          role: 'dataset',
          field: 'datasets[4].remotePath',
          value: 'my-data:latest',
          name: 'kit-local',
          // As with kit, a reference without a registry is in the local storage.
          reference: {
            registry: 'localhost',
            repository: 'my-data',
            tag: 'latest',
          },
        },
      ],
    });
  });

  it('finds nothing in a Kitfile of files', () => {
    expect(
      findModelKitReferences({
        manifestVersion: '1.0.0',
        model: { path: './models/film_slm:champion' },
        datasets: [{ path: 'data/train.csv', remotePath: 42 }],
      }),
    ).toEqual({ datasets: [] });
    expect(findModelKitReferences({ manifestVersion: '1.0.0' })).toEqual({
      datasets: [],
    });
  });
});
