import type { ModelKitModelCardDescriptions } from '../api/modelCardTypes';
import { compareModelCardWithKitfile } from './compareWithKitfile';
import { readModelCard } from './readModelCard';

const CARD = `---
license: apache-2.0
base_model: kitstage-demo/sentiment-base
datasets:
  - kitstage-demo/support-tickets
language: [en]
tags: [sentiment, lora]
pipeline_tag: text-classification
library_name: peft
model-index:
  - name: support-sentiment
    results:
      - task:
          type: text-classification
          name: Text Classification
        dataset:
          name: Support tickets
          type: kitstage-demo/support-tickets
          split: test
        metrics:
          - type: accuracy
            name: Accuracy
            value: 0.912
            verified: false
          - type: f1
            value: 0.9
---
# Support sentiment

| Metric | Value |
| ------ | ----- |
`;

const descriptions: ModelKitModelCardDescriptions = {
  package: { name: 'support-sentiment', license: 'Apache-2.0' },
  model: {
    name: 'support-sentiment',
    path: 'registry.example.com/kitstage-demo/sentiment-base:v2.0.0',
  },
  datasets: [],
  code: [],
  docs: [],
};

describe('readModelCard', () => {
  it('splits the front matter from the body and reads the Hugging Face keys', () => {
    const card = readModelCard(CARD);
    expect(card.problems).toEqual([]);
    expect(card.body.startsWith('# Support sentiment\n')).toBe(true);
    expect(card.frontMatter).toEqual({
      license: 'apache-2.0',
      datasets: ['kitstage-demo/support-tickets'],
      baseModels: ['kitstage-demo/sentiment-base'],
      languages: ['en'],
      tags: ['sentiment', 'lora'],
      pipelineTag: 'text-classification',
      libraryName: 'peft',
      modelNames: ['support-sentiment'],
      results: [
        {
          model: 'support-sentiment',
          task: 'Text Classification',
          dataset: 'Support tickets',
          split: 'test',
          metric: 'Accuracy',
          value: '0.912',
        },
        {
          model: 'support-sentiment',
          task: 'Text Classification',
          dataset: 'Support tickets',
          split: 'test',
          metric: 'f1',
          value: '0.9',
        },
      ],
    });
  });

  it('leaves a card without front matter as it is', () => {
    expect(readModelCard('# Title\n\n---\n\ntext')).toEqual({
      body: '# Title\n\n---\n\ntext',
      problems: [],
    });
  });

  it('names invalid YAML with its line and still returns the body', () => {
    const card = readModelCard('---\nlicense: mit\nlicense: [\n---\n# Body\n');
    expect(card.frontMatter).toBeUndefined();
    expect(card.body).toBe('# Body\n');
    expect(card.problems.length).toBeGreaterThan(0);
    expect(card.problems[0]).toMatch(
      /^The front matter is not valid YAML: .*\(line \d+, column \d+\)\.$/,
    );
  });

  it('says when the front matter is never closed and shows the card as written', () => {
    const card = readModelCard('---\nlicense: mit\n# Body\n');
    expect(card.body).toBe('---\nlicense: mit\n# Body\n');
    expect(card.problems).toEqual([
      'The front matter that starts on line 1 has no closing --- line, so the card is shown as written.',
    ]);
  });

  it('reads custom tags as plain text, merge keys as keys, and refuses alias bombs', () => {
    const tagged = readModelCard(
      '---\nlicense: !!js/function "function () { return 1 }"\nbase: &b {license: x}\nother:\n  <<: *b\n---\nbody',
    );
    expect(tagged.frontMatter?.license).toBe('function () { return 1 }');
    expect(tagged.problems).toEqual([]);
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '---',
      'body',
    ].join('\n');
    const card = readModelCard(bomb);
    expect(card.body).toBe('body');
    expect(card.frontMatter).toBeUndefined();
    expect(card.problems.join(' ')).toMatch(/more than 10000 values/);
  });

  it('bounds the front matter length and the number of metrics', () => {
    const long = readModelCard(`---\ntags: [${'x,'.repeat(50)}x]\n---\nbody`, {
      maxLength: 40,
    });
    expect(long.problems[0]).toMatch(/characters long; the limit is 40/);
    expect(long.body).toBe('body');
    const many = readModelCard(CARD, { maxResults: 1 });
    expect(many.frontMatter?.results).toHaveLength(1);
    expect(many.problems).toEqual([
      'The front matter key model-index has 2 metrics; the first 1 are shown.',
    ]);
  });

  it('names keys of the wrong type and keeps the others', () => {
    const card = readModelCard(
      '---\nlicense: {a: 1}\ndatasets: [ok, {x: 1}]\nmodel-index: nope\n---\n',
    );
    expect(card.frontMatter?.license).toBeUndefined();
    expect(card.frontMatter?.datasets).toEqual(['ok']);
    expect(card.problems).toEqual([
      'The front matter key license is not a text.',
      'The front matter key model-index is not a list.',
      'The front matter key datasets is not a text or a list of texts.',
    ]);
  });

  it('uses license_name for license: other, and keeps __proto__ an ordinary key', () => {
    const card = readModelCard(
      '---\nlicense: other\nlicense_name: acme-model-license\n__proto__: {polluted: true}\n---\n',
    );
    expect(card.frontMatter?.license).toBe('acme-model-license');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('compareModelCardWithKitfile', () => {
  it('finds no disagreement when the card and the Kitfile agree', () => {
    const card = readModelCard(CARD);
    expect(
      compareModelCardWithKitfile(card.frontMatter!, descriptions),
    ).toEqual([]);
  });

  it('names a different license, base model and model name', () => {
    const card = readModelCard(
      [
        '---',
        'license: mit',
        'base_model: distilbert/distilbert-base-uncased',
        'model-index:',
        '  - name: other-model',
        '    results: []',
        '---',
      ].join('\n'),
    );
    expect(
      compareModelCardWithKitfile(card.frontMatter!, descriptions),
    ).toEqual([
      {
        field: 'license',
        card: 'mit',
        kitfile: 'Apache-2.0',
        message:
          'The model card says the license is mit; the Kitfile says Apache-2.0.',
      },
      {
        field: 'base-model',
        card: 'distilbert/distilbert-base-uncased',
        kitfile: 'registry.example.com/kitstage-demo/sentiment-base:v2.0.0',
        message:
          "The model card names the base model distilbert/distilbert-base-uncased; the Kitfile's model builds on registry.example.com/kitstage-demo/sentiment-base:v2.0.0.",
      },
      {
        field: 'model-name',
        card: 'other-model',
        kitfile: 'support-sentiment',
        message:
          "The model card's results are for other-model; the Kitfile names support-sentiment.",
      },
    ]);
  });

  it('does not flag what only one side states', () => {
    const card = readModelCard('---\nlicense: mit\nbase_model: x/y\n---\n');
    expect(
      compareModelCardWithKitfile(card.frontMatter!, {
        model: { path: 'model/weights.safetensors' },
        datasets: [],
        code: [],
        docs: [],
      }),
    ).toEqual([]);
  });
});
