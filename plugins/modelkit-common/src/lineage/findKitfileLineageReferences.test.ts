import { findKitfileLineageReferences } from './findKitfileLineageReferences';

describe('findKitfileLineageReferences', () => {
  it('finds a base model in model.path and datasets in remotePath or path, skipping files', () => {
    expect(
      findKitfileLineageReferences({
        manifestVersion: '1.0.0',
        model: { path: 'registry.example.com/team/base:v1' },
        datasets: [
          { name: 'train', path: './data/train.csv' },
          {
            name: 'tickets',
            path: 'data/tickets',
            remotePath: `registry.example.com/team/tickets@sha256:${'b'.repeat(
              64,
            )}`,
          },
          { name: 'eval', path: 'registry.example.com/team/eval:v2' },
          { name: 's3', path: 'x', remotePath: 's3://bucket/key' },
        ],
      }),
    ).toEqual([
      {
        role: 'base-model',
        field: 'model.path',
        repository: 'registry.example.com/team/base',
        tag: 'v1',
      },
      {
        role: 'dataset',
        field: 'datasets[1].remotePath',
        repository: 'registry.example.com/team/tickets',
        digest: `sha256:${'b'.repeat(64)}`,
      },
      {
        role: 'dataset',
        field: 'datasets[2].path',
        repository: 'registry.example.com/team/eval',
        tag: 'v2',
      },
    ]);
  });

  it('finds nothing in a Kitfile of plain files', () => {
    expect(
      findKitfileLineageReferences({
        manifestVersion: '1.0.0',
        model: { path: 'model.safetensors' },
        datasets: [{ path: '/abs/data:v1' }],
      }),
    ).toEqual([]);
  });
});
