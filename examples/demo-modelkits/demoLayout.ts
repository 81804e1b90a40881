/**
 * The demo ModelKits of `examples/modelkits.yaml`, several versions each, as KitOps ModelKits in
 * an OCI image layout. Lineage follows the catalog: the fine-tunes name `sentiment-base` as
 * their base model (`model.path`) and take their datasets from the dataset ModelKits
 * (`datasets[].remotePath`), pinned to the versions that were current when they were trained.
 */
import {
  adapterTensors,
  fraudScorer,
  modelConfig,
  random,
  reviewsCsv,
  safetensors,
  sentimentInference,
  sentimentTensors,
  ticketsCsv,
  tokenizerJson,
  transactionsCsv,
  treeEnsemble,
} from './files';
import { LayoutWriter } from './layout';
import { modelCard } from './modelCard';
import { KitSpec, packModelKit } from './modelkit';

export const DEMO_HOST = 'registry.example.com';
export const DEMO_NAMESPACE = 'kitstage-demo';

/** The repository of a demo ModelKit, e.g. `kitstage-demo/sentiment-base`. */
export function demoRepository(name: string): string {
  return `${DEMO_NAMESPACE}/${name}`;
}

/** A full reference to a demo ModelKit version, as Kitfiles write lineage. */
export function demoReference(name: string, version: string): string {
  return `${DEMO_HOST}/${demoRepository(name)}:v${version}`;
}

interface DemoVersion {
  version: string;
  created: string;
  spec: Omit<KitSpec, 'annotations'>;
}

interface DemoModelKit {
  name: string;
  versions: DemoVersion[];
}

function metrics(seed: string, base: number) {
  const next = random(seed);
  const accuracy = Math.min(0.99, base + next() * 0.02);
  return {
    accuracy: accuracy.toFixed(3),
    f1: (accuracy - 0.01 - next() * 0.02).toFixed(3),
  };
}

const SENTIMENT_AUTHORS = ['ML Platform team <ml-platform@example.com>'];

function sentimentBase(): DemoModelKit {
  const make = (
    version: string,
    created: string,
    generation: 1 | 2,
    hidden: number,
    notes: string,
  ): DemoVersion => {
    const scores = metrics(
      `sentiment-base-${version}`,
      0.8 + generation * 0.04,
    );
    return {
      version,
      created,
      spec: {
        package: {
          name: 'sentiment-base',
          version,
          description:
            'Small transformer encoder pre-trained for English sentiment classification',
          license: 'Apache-2.0',
          authors: SENTIMENT_AUTHORS,
        },
        model: {
          name: 'sentiment-base',
          path: 'model/sentiment-base.safetensors',
          content: safetensors(
            `sentiment-base-${version}`,
            sentimentTensors(generation, hidden),
            { format: 'pt', version },
          ),
          license: 'Apache-2.0',
          framework: 'transformers',
          format: 'safetensors',
          version,
          description: `Word-level encoder with ${hidden} hidden units and a 3-way classifier head`,
          parts: [
            {
              name: 'tokenizer',
              path: 'model/tokenizer.json',
              type: 'tokenizer',
              content: tokenizerJson(generation),
            },
            {
              name: 'config',
              path: 'model/config.json',
              type: 'config',
              content: modelConfig(generation, hidden),
            },
          ],
          parameters: {
            hidden_size: hidden,
            labels: ['negative', 'neutral', 'positive'],
          },
        },
        code: [
          {
            path: 'code/inference.py',
            description:
              'Classifies text with the Python standard library only',
            license: 'Apache-2.0',
            content: sentimentInference(false),
          },
        ],
        docs: [
          {
            path: 'README.md',
            description: 'Model card',
            content: modelCard({
              title: 'Sentiment base model',
              version,
              summary:
                'A small encoder that classifies English text as negative, neutral or positive. Fine-tune it with a LoRA adapter for a domain.',
              details: [
                generation === 1
                  ? `Vocabulary: 32 words, hidden size ${hidden}`
                  : `Vocabulary: ~~32~~ 40 words, hidden size ${hidden}`,
                notes,
              ],
              metrics: scores,
              meta: {
                license: 'apache-2.0',
                datasets: ['kitstage-demo/product-reviews'],
                tags: ['sentiment', 'text-classification'],
                library: 'transformers',
                modelName: 'sentiment-base',
                dataset: {
                  name: 'Product reviews',
                  type: 'kitstage-demo/product-reviews',
                },
                metrics: scores,
              },
              checklist: [
                [true, 'Evaluated on the held-out split'],
                [generation === 2, 'Tokenizer covers support vocabulary'],
              ],
            }),
          },
        ],
      },
    };
  };
  return {
    name: 'sentiment-base',
    versions: [
      make('1.0.0', '2026-01-05T09:00:00Z', 1, 8, 'First release'),
      make(
        '1.1.0',
        '2026-02-10T09:00:00Z',
        1,
        8,
        'Retrained with more data; same tokenizer',
      ),
      make(
        '2.0.0',
        '2026-03-18T09:00:00Z',
        2,
        12,
        'Larger vocabulary and hidden size',
      ),
    ],
  };
}

function datasetKit(options: {
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
        package: {
          name: options.name,
          version,
          description: options.description,
          license: 'CC-BY-4.0',
          authors: ['Data team <data@example.com>'],
        },
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

function fineTune(options: {
  name: string;
  description: string;
  title: string;
  versions: Array<{
    version: string;
    created: string;
    base: string;
    datasets: Array<{ name: string; version: string }>;
    rank: number;
    /** The license the model card states, when it differs from the Kitfile's on purpose. */
    cardLicense?: string;
  }>;
}): DemoModelKit {
  return {
    name: options.name,
    versions: options.versions.map(
      ({ version, created, base, datasets, rank, cardLicense }) => {
        const hidden = base.startsWith('2.') ? 12 : 8;
        const scores = metrics(`${options.name}-${version}`, 0.86);
        const baseRef = demoReference('sentiment-base', base);
        return {
          version,
          created,
          spec: {
            package: {
              name: options.name,
              version,
              description: options.description,
              license: 'Apache-2.0',
              authors: ['NLP team <nlp@example.com>'],
            },
            model: {
              name: options.name,
              path: baseRef,
              license: 'Apache-2.0',
              framework: 'transformers',
              format: 'safetensors',
              version,
              description: `LoRA fine-tune (rank ${rank}) of sentiment-base ${base}`,
              parts: [
                {
                  name: 'lora-adapter',
                  path: 'model/adapter.safetensors',
                  type: 'lora-adapter',
                  content: safetensors(
                    `${options.name}-${version}`,
                    adapterTensors(hidden, rank),
                    {
                      format: 'pt',
                      base_model: baseRef,
                    },
                  ),
                },
              ],
              parameters: { lora_rank: rank, learning_rate: 0.0002, epochs: 3 },
            },
            code: [
              {
                path: 'code/inference.py',
                description:
                  'Classifies text with the base model and the adapter',
                license: 'Apache-2.0',
                content: sentimentInference(true),
              },
            ],
            datasets: [
              ...datasets.map(d => ({
                name: d.name,
                path: `data/${d.name}`,
                description: `Training data from the ${d.name} ModelKit`,
                remotePath: demoReference(d.name, d.version),
              })),
              {
                name: 'eval',
                path: 'data/eval.csv',
                description: 'Evaluation set for the fine-tune',
                license: 'CC-BY-4.0',
                content: ticketsCsv(`${options.name}-eval-${version}`, 12),
              },
            ],
            docs: [
              {
                path: 'README.md',
                description: 'Model card',
                content: modelCard({
                  title: options.title,
                  version,
                  summary: options.description,
                  details: [
                    `LoRA rank ${rank}`,
                    'Load the base model first, then add the adapter',
                  ],
                  lineage: [
                    `Base model: ${baseRef}`,
                    ...datasets.map(
                      d => `Dataset: ${demoReference(d.name, d.version)}`,
                    ),
                  ],
                  metrics: scores,
                  meta: {
                    license: cardLicense ?? 'apache-2.0',
                    baseModel: 'kitstage-demo/sentiment-base',
                    datasets: datasets.map(d => `kitstage-demo/${d.name}`),
                    tags: ['sentiment', 'lora', 'peft'],
                    library: 'peft',
                    modelName: options.name,
                    dataset: {
                      name: 'Evaluation set',
                      type: `kitstage-demo/${options.name}-eval`,
                    },
                    metrics: scores,
                  },
                  checklist: [
                    [true, 'Evaluated on the evaluation set'],
                    [rank > 2, 'Compared with the previous adapter'],
                    [false, 'Reviewed for bias across product lines'],
                  ],
                }),
              },
            ],
          },
        };
      },
    ),
  };
}

function fraudDetector(): DemoModelKit {
  const make = (
    version: string,
    created: string,
    trees: number,
    note: string,
  ): DemoVersion => ({
    version,
    created,
    spec: {
      package: {
        name: 'fraud-detector',
        version,
        description: 'Gradient-boosted trees that score card transactions',
        license: 'MIT',
        authors: ['Risk team <risk@example.com>'],
      },
      model: {
        name: 'fraud-detector',
        path: 'model/fraud-detector.json',
        content: treeEnsemble(`fraud-detector-${version}`, trees, 3),
        license: 'MIT',
        framework: 'sklearn',
        format: 'json',
        version,
        description: `Gradient-boosted ensemble of ${trees} trees of depth 3`,
        parameters: { n_estimators: trees, max_depth: 3, learning_rate: 0.3 },
      },
      code: [
        {
          path: 'code/score.py',
          description:
            'Scores transactions with the Python standard library only',
          license: 'MIT',
          content: fraudScorer(),
        },
      ],
      datasets: [
        {
          name: 'transactions-sample',
          path: 'data/transactions-sample.csv',
          description: 'A sample of labelled card transactions',
          license: 'MIT',
          content: transactionsCsv(`fraud-${version}`, 40),
        },
      ],
      docs: [
        {
          path: 'README.md',
          description: 'Model card',
          content: modelCard({
            title: 'Fraud detector',
            version,
            summary:
              'Scores card transactions; a score above 0.5 flags a transaction for review.',
            details: [
              note,
              `Features: amount, hour, merchant_risk, country_mismatch, card_age_days`,
            ],
            metrics: { auc: metrics(`fraud-${version}`, 0.9).accuracy },
          }),
        },
      ],
    },
  });
  return {
    name: 'fraud-detector',
    versions: [
      make('1.0.0', '2026-01-15T14:30:00Z', 4, 'First release'),
      make('1.1.0', '2026-02-18T14:30:00Z', 6, 'More trees'),
      make(
        '1.2.0',
        '2026-03-15T14:30:00Z',
        8,
        'Retrained on recent transactions',
      ),
    ],
  };
}

/** Every demo ModelKit with its versions, oldest first. */
export function demoModelKits(): DemoModelKit[] {
  return [
    sentimentBase(),
    datasetKit({
      name: 'support-tickets',
      description:
        'Anonymised support tickets labelled positive, neutral or negative',
      datasheet: 'Support tickets dataset',
      rows: v =>
        ticketsCsv(
          `support-tickets-train-${v}`,
          24 + Number(v.split('.')[1]) * 8,
        ),
      test: v => ticketsCsv(`support-tickets-test-${v.split('.')[0]}`, 10),
      versions: [
        {
          version: '1.0.0',
          created: '2026-01-08T10:00:00Z',
          note: 'First export',
        },
        {
          version: '1.1.0',
          created: '2026-02-03T10:00:00Z',
          note: 'Added January tickets',
        },
        {
          version: '1.2.0',
          created: '2026-03-02T10:00:00Z',
          note: 'Added February tickets',
        },
      ],
    }),
    datasetKit({
      name: 'product-reviews',
      description:
        'Public product reviews with star ratings mapped to sentiment labels',
      datasheet: 'Product reviews dataset',
      rows: v =>
        reviewsCsv(`product-reviews-train-${v}`, v.startsWith('2.') ? 40 : 28),
      test: v => reviewsCsv(`product-reviews-test-${v}`, 10),
      versions: [
        {
          version: '1.0.0',
          created: '2026-01-12T10:00:00Z',
          note: 'First export',
        },
        {
          version: '1.1.0',
          created: '2026-02-15T10:00:00Z',
          note: 'Deduplicated reviews',
        },
        {
          version: '2.0.0',
          created: '2026-03-10T10:00:00Z',
          note: 'New labelling rules',
        },
      ],
    }),
    fineTune({
      name: 'support-sentiment',
      title: 'Support sentiment',
      description: 'sentiment-base fine-tuned on support tickets',
      versions: [
        {
          version: '1.0.0',
          created: '2026-02-12T16:00:00Z',
          base: '1.1.0',
          datasets: [{ name: 'support-tickets', version: '1.1.0' }],
          rank: 2,
        },
        {
          version: '1.1.0',
          created: '2026-03-05T16:00:00Z',
          base: '1.1.0',
          datasets: [{ name: 'support-tickets', version: '1.2.0' }],
          rank: 2,
        },
        {
          version: '2.0.0',
          created: '2026-03-20T16:00:00Z',
          base: '2.0.0',
          datasets: [{ name: 'support-tickets', version: '1.2.0' }],
          rank: 4,
          // The card of the unverified 2.0.0 states another license than its Kitfile.
          cardLicense: 'cc-by-nc-4.0',
        },
      ],
    }),
    fineTune({
      name: 'review-sentiment',
      title: 'Review sentiment',
      description:
        'sentiment-base fine-tuned on product reviews and support tickets',
      versions: [
        {
          version: '0.1.0',
          created: '2026-02-20T16:00:00Z',
          base: '1.1.0',
          datasets: [
            { name: 'product-reviews', version: '1.1.0' },
            { name: 'support-tickets', version: '1.1.0' },
          ],
          rank: 2,
        },
        {
          version: '0.2.0',
          created: '2026-03-12T16:00:00Z',
          base: '1.1.0',
          datasets: [
            { name: 'product-reviews', version: '2.0.0' },
            { name: 'support-tickets', version: '1.2.0' },
          ],
          rank: 2,
        },
        {
          version: '0.3.0',
          created: '2026-03-22T16:00:00Z',
          base: '2.0.0',
          datasets: [
            { name: 'product-reviews', version: '2.0.0' },
            { name: 'support-tickets', version: '1.2.0' },
          ],
          rank: 4,
        },
      ],
    }),
    fraudDetector(),
  ];
}

/** A version in the demo layout. */
export interface DemoVersionInfo {
  name: string;
  version: string;
  digest: string;
  /** The size of the manifest, for descriptors of referrers that name it as `subject`. */
  size: number;
  /** When the version was created (`org.opencontainers.image.created`). */
  created: string;
  tags: string[];
}

/**
 * Builds the demo layout: each version under `v<version>`, and `latest` on the newest. More
 * artifacts (for example attestations that refer to a version through their `subject`) can be
 * added to the returned writer with `addUntagged` before it is written.
 */
export function buildDemoLayout(): {
  writer: LayoutWriter;
  versions: DemoVersionInfo[];
} {
  const writer = new LayoutWriter(DEMO_HOST);
  const versions: DemoVersionInfo[] = [];
  for (const kit of demoModelKits()) {
    kit.versions.forEach((v, i) => {
      const tags = [`v${v.version}`];
      if (i === kit.versions.length - 1) {
        tags.push('latest');
      }
      const artifact = packModelKit({
        ...v.spec,
        annotations: { 'org.opencontainers.image.created': v.created },
      });
      writer.add(demoRepository(kit.name), tags, artifact);
      versions.push({
        name: kit.name,
        version: v.version,
        digest: artifact.descriptor.digest,
        size: artifact.descriptor.size,
        created: v.created,
        tags,
      });
    });
  }
  return { writer, versions };
}
