/**
 * Tiny but real model, tokenizer, code, documentation and dataset files for the demo
 * ModelKits. Everything is derived from fixed seeds, so every run writes the same bytes.
 */

/** A small deterministic pseudo-random generator (mulberry32) seeded from a string. */
export function random(seed: string): () => number {
  let state = 0x811c9dc5;
  for (const char of seed) {
    state = Math.imul(state ^ char.charCodeAt(0), 0x01000193) >>> 0;
  }
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Tensor {
  shape: number[];
}

/**
 * A safetensors file (https://github.com/huggingface/safetensors): an 8-byte little-endian
 * header length, a JSON header naming each tensor's dtype, shape and byte offsets, then the
 * little-endian float32 data. Weights are seeded random values in [-0.5, 0.5).
 */
export function safetensors(
  seed: string,
  tensors: Record<string, Tensor>,
  metadata: Record<string, string>,
): Buffer {
  const next = random(seed);
  const header: Record<string, unknown> = { __metadata__: metadata };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const name of Object.keys(tensors).sort()) {
    const count = tensors[name].shape.reduce((a, b) => a * b, 1);
    const data = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) {
      data.writeFloatLE(Math.round((next() - 0.5) * 1e4) / 1e4, i * 4);
    }
    header[name] = {
      dtype: 'F32',
      shape: tensors[name].shape,
      data_offsets: [offset, offset + data.length],
    };
    offset += data.length;
    chunks.push(data);
  }
  let json = JSON.stringify(header);
  // The specification allows trailing spaces so that the data starts 8-byte aligned.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([length, Buffer.from(json), ...chunks]);
}

export const LABELS = ['negative', 'neutral', 'positive'] as const;

const BASE_VOCABULARY = [
  '[PAD]',
  '[UNK]',
  '[CLS]',
  '[SEP]',
  'the',
  'not',
  'very',
  'again',
  'good',
  'great',
  'love',
  'excellent',
  'happy',
  'thanks',
  'fast',
  'fine',
  'ok',
  'bad',
  'terrible',
  'hate',
  'awful',
  'slow',
  'broken',
  'late',
  'refund',
  'product',
  'support',
  'ticket',
  'order',
  'delivery',
  'price',
  'quality',
];
const EXTRA_VOCABULARY = [
  'agent',
  'waiting',
  'resolved',
  'helpful',
  'rude',
  'cancel',
  'upgrade',
  'review',
];

/** The words of the tokenizer, for a model generation (`2` adds words). */
export function vocabulary(generation: 1 | 2): string[] {
  return generation === 1
    ? BASE_VOCABULARY
    : [...BASE_VOCABULARY, ...EXTRA_VOCABULARY];
}

/** A Hugging Face `tokenizers` file with a word-level model over a fixed vocabulary. */
export function tokenizerJson(generation: 1 | 2): Buffer {
  const vocab = Object.fromEntries(
    vocabulary(generation).map((w, i) => [w, i]),
  );
  return json({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]'].map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  });
}

/** The model configuration read by `inference.py`. */
export function modelConfig(generation: 1 | 2, hidden: number): Buffer {
  return json({
    architectures: ['TinySentimentClassifier'],
    model_type: 'tiny-sentiment',
    vocab_size: vocabulary(generation).length,
    hidden_size: hidden,
    num_labels: LABELS.length,
    id2label: Object.fromEntries(LABELS.map((l, i) => [String(i), l])),
    pooling: 'mean',
  });
}

/** Tensors of the sentiment classifier for a vocabulary and hidden size. */
export function sentimentTensors(
  generation: 1 | 2,
  hidden: number,
): Record<string, Tensor> {
  return {
    'embeddings.weight': { shape: [vocabulary(generation).length, hidden] },
    'encoder.dense.weight': { shape: [hidden, hidden] },
    'encoder.dense.bias': { shape: [hidden] },
    'classifier.weight': { shape: [LABELS.length, hidden] },
    'classifier.bias': { shape: [LABELS.length] },
  };
}

/** A LoRA adapter for the classifier head of the base model. */
export function adapterTensors(
  hidden: number,
  rank: number,
): Record<string, Tensor> {
  return {
    'classifier.lora_A.weight': { shape: [rank, hidden] },
    'classifier.lora_B.weight': { shape: [LABELS.length, rank] },
  };
}

/** Runs the sentiment classifier with the Python standard library only. */
export function sentimentInference(withAdapter: boolean): Buffer {
  return text(`"""Classify text as negative, neutral or positive with the packaged model.

Usage: python code/inference.py "the delivery was late again"
Reads model/sentiment-base.safetensors, model/tokenizer.json and model/config.json${
    withAdapter
      ? `
(unpacked from the base ModelKit by \`kit unpack\`) and the LoRA adapter`
      : ''
  } with the
Python standard library only.
"""
import json
import math
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_safetensors(path):
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    body = data[8 + length :]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        values = struct.unpack("<%df" % ((end - start) // 4), body[start:end])
        tensors[name] = (info["shape"], values)
    return tensors


def matvec(tensor, vector):
    (rows, cols), values = tensor
    return [sum(values[r * cols + c] * vector[c] for c in range(cols)) for r in range(rows)]


def classify(text):
    config = json.loads((ROOT / "model" / "config.json").read_text())
    vocab = json.loads((ROOT / "model" / "tokenizer.json").read_text())["model"]["vocab"]
    weights = load_safetensors(ROOT / "model" / "sentiment-base.safetensors")
${
  withAdapter
    ? `    adapter = load_safetensors(ROOT / "model" / "adapter.safetensors")
`
    : ''
}    hidden = config["hidden_size"]
    ids = [vocab.get(word, vocab["[UNK]"]) for word in text.lower().split()] or [vocab["[UNK]"]]
    _, table = weights["embeddings.weight"]
    pooled = [sum(table[i * hidden + h] for i in ids) / len(ids) for h in range(hidden)]
    dense = matvec(weights["encoder.dense.weight"], pooled)
    bias = weights["encoder.dense.bias"][1]
    pooled = [math.tanh(d + b) for d, b in zip(dense, bias)]
    logits = [l + b for l, b in zip(matvec(weights["classifier.weight"], pooled), weights["classifier.bias"][1])]
${
  withAdapter
    ? `    low = matvec(adapter["classifier.lora_A.weight"], pooled)
    logits = [l + d for l, d in zip(logits, matvec(adapter["classifier.lora_B.weight"], low))]
`
    : ''
}    best = max(range(len(logits)), key=lambda i: logits[i])
    return config["id2label"][str(best)]


if __name__ == "__main__":
    print(classify(" ".join(sys.argv[1:]) or "thanks for the fast support"))
`);
}

const TICKET_TEXTS: Record<string, string[]> = {
  negative: [
    'the delivery was late again',
    'my order arrived broken',
    'still waiting for a refund',
    'support was slow and rude',
    'terrible quality for the price',
  ],
  neutral: [
    'how do i change my delivery address',
    'please update the order',
    'question about the price of the upgrade',
    'ticket about a product review',
    'ok i will wait for the agent',
  ],
  positive: [
    'thanks the agent was very helpful',
    'great support resolved it fast',
    'love the product quality',
    'excellent service thanks again',
    'happy with the fast delivery',
  ],
};

/** Labelled support tickets as CSV. */
export function ticketsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = ['ticket_id,text,label'];
  for (let i = 0; i < rows; i++) {
    const label = LABELS[Math.floor(next() * LABELS.length)];
    const texts = TICKET_TEXTS[label];
    const body = texts[Math.floor(next() * texts.length)];
    lines.push(`T-${String(10001 + i)},"${body}",${label}`);
  }
  return text(`${lines.join('\n')}\n`);
}

/** Product reviews with star ratings mapped to sentiment labels, as CSV. */
export function reviewsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = ['review_id,stars,text,label'];
  for (let i = 0; i < rows; i++) {
    const stars = 1 + Math.floor(next() * 5);
    const label =
      stars <= 2 ? 'negative' : stars === 3 ? 'neutral' : 'positive';
    const texts = TICKET_TEXTS[label];
    lines.push(
      `R-${String(50001 + i)},${stars},"${
        texts[Math.floor(next() * texts.length)]
      }",${label}`,
    );
  }
  return text(`${lines.join('\n')}\n`);
}

export const FRAUD_FEATURES = [
  'amount',
  'hour',
  'merchant_risk',
  'country_mismatch',
  'card_age_days',
] as const;

/** Card transactions with a fraud label, as CSV. */
export function transactionsCsv(seed: string, rows: number): Buffer {
  const next = random(seed);
  const lines = [`transaction_id,${FRAUD_FEATURES.join(',')},is_fraud`];
  for (let i = 0; i < rows; i++) {
    const amount = Math.round(next() * 180000) / 100;
    const hour = Math.floor(next() * 24);
    const risk = Math.round(next() * 100) / 100;
    const mismatch = next() < 0.15 ? 1 : 0;
    const age = Math.floor(next() * 2000);
    const fraud = amount > 900 && (mismatch === 1 || risk > 0.8) ? 1 : 0;
    lines.push(
      `X-${String(700001 + i)},${amount.toFixed(2)},${hour},${risk.toFixed(
        2,
      )},${mismatch},${age},${fraud}`,
    );
  }
  return text(`${lines.join('\n')}\n`);
}

/**
 * A gradient-boosted tree ensemble as JSON: each tree is a list of nodes, either a split
 * (`feature` index, `threshold`, `left` and `right` node indexes) or a `leaf` value; the score is
 * the logistic function of `base_score` plus the leaves reached.
 */
export function treeEnsemble(
  seed: string,
  trees: number,
  depth: number,
): Buffer {
  const next = random(seed);
  const ranges: Record<string, [number, number]> = {
    amount: [50, 1500],
    hour: [0, 23],
    merchant_risk: [0.1, 0.95],
    country_mismatch: [0.5, 0.5],
    card_age_days: [30, 900],
  };
  const build = () => {
    const nodes: Array<Record<string, number>> = [];
    const grow = (level: number): number => {
      const index = nodes.length;
      if (level === depth) {
        nodes.push({ leaf: Math.round((next() - 0.45) * 2000) / 1000 });
        return index;
      }
      const feature = Math.floor(next() * FRAUD_FEATURES.length);
      const [low, high] = ranges[FRAUD_FEATURES[feature]];
      const node: Record<string, number> = {
        feature,
        threshold: Math.round((low + next() * (high - low)) * 100) / 100,
        left: 0,
        right: 0,
      };
      nodes.push(node);
      node.left = grow(level + 1);
      node.right = grow(level + 1);
      return index;
    };
    grow(0);
    return { nodes };
  };
  return json({
    format: 'kitstage-tree-ensemble',
    format_version: 1,
    objective: 'binary:logistic',
    features: FRAUD_FEATURES,
    base_score: -2.2,
    learning_rate: 0.3,
    trees: Array.from({ length: trees }, build),
  });
}

/** Scores transactions with the tree ensemble, with the Python standard library only. */
export function fraudScorer(): Buffer {
  return text(`"""Score card transactions with the packaged tree ensemble.

Usage: python code/score.py data/transactions-sample.csv
Prints the transaction id and fraud probability of each row.
"""
import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = json.loads((ROOT / "model" / "fraud-detector.json").read_text())


def leaf(tree, row):
    node = tree["nodes"][0]
    while "leaf" not in node:
        value = row[MODEL["features"][node["feature"]]]
        node = tree["nodes"][node["left"] if value < node["threshold"] else node["right"]]
    return node["leaf"]


def score(row):
    margin = MODEL["base_score"] + MODEL["learning_rate"] * sum(leaf(t, row) for t in MODEL["trees"])
    return 1 / (1 + math.exp(-margin))


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "transactions-sample.csv"
    with path.open() as rows:
        for row in csv.DictReader(rows):
            values = {name: float(row[name]) for name in MODEL["features"]}
            print(row["transaction_id"], round(score(values), 4))
`);
}

export function json(value: unknown): Buffer {
  return text(`${JSON.stringify(value, null, 2)}\n`);
}

export function text(value: string): Buffer {
  return Buffer.from(value, 'utf8');
}
