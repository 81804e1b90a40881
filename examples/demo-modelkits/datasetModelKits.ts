import { DemoModelKit, demoPackage } from './demoKit';
import { modelCard } from './modelCard';

/** The license and authors of every dataset ModelKit. */
const DATASET_LICENSING = {
  license: 'CC-BY-4.0',
  authors: ['Data team <data@example.com>'],
};

/** A dataset ModelKit: a train and a test CSV split with a datasheet, per version. */
export function datasetKit(options: {
  name: string;
  description: string;
  rows: (version: string) => Buffer;
  test: (version: string) => Buffer;
  versions: Array<{ version: string; created: string; note: string }>;
  datasheet: string;
}): DemoModelKit {
  return {
    name: options.name,
    versions: options.versions.map(({ version, created, note }) => ({
      version,
      created,
      spec: {
        package: demoPackage({ ...options, ...DATASET_LICENSING }, version),
        datasets: [
          {
            name: 'train',
            path: 'data/train.csv',
            description: 'Training split',
            license: 'CC-BY-4.0',
            content: options.rows(version),
            parameters: {
              format: 'csv',
              labels: ['negative', 'neutral', 'positive'],
            },
          },
          {
            name: 'test',
            path: 'data/test.csv',
            description: 'Held-out test split',
            license: 'CC-BY-4.0',
            content: options.test(version),
            parameters: { format: 'csv' },
          },
        ],
        docs: [
          {
            path: 'README.md',
            description: 'Datasheet',
            content: modelCard({
              title: options.datasheet,
              version,
              summary: options.description,
              details: [note, 'Columns are documented in the CSV header'],
            }),
          },
        ],
      },
    })),
  };
}
