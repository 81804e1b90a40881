/**
 * The sentiment models of the demo: the base model `sentiment-base`, and the LoRA fine-tunes
 * that name it as their base model (`model.path`) and take their datasets from the dataset
 * ModelKits (`datasets[].remotePath`).
 */
import {
  DemoModelKit,
  DemoPackage,
  demoPackage,
  demoReference,
  DemoVersion,
  metrics,
} from './demoKit';
import { safetensors } from './files';
import {
  adapterTensors,
  modelConfig,
  sentimentInference,
  sentimentTensors,
  tokenizerJson,
} from './sentimentFiles';
import { ticketsCsv } from './datasetFiles';
import { modelCard } from './modelCard';

/** The Kitfile `package` of every `sentiment-base` version. */
const SENTIMENT_BASE_PACKAGE: DemoPackage = {
  name: 'sentiment-base',
  description:
    'Small transformer encoder pre-trained for English sentiment classification',
  license: 'Apache-2.0',
  authors: ['ML Platform team <ml-platform@example.com>'],
};

/** The license and authors of every fine-tune of `sentiment-base`. */
const FINE_TUNE_LICENSING = {
  license: 'Apache-2.0',
  authors: ['NLP team <nlp@example.com>'],
};

/** The base sentiment model, `sentiment-base`. */
export function sentimentBase(): DemoModelKit {
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
        package: demoPackage(SENTIMENT_BASE_PACKAGE, version),
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

/** A LoRA fine-tune of `sentiment-base`. */
export function fineTune(options: {
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
            package: demoPackage(
              { ...options, ...FINE_TUNE_LICENSING },
              version,
            ),
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
