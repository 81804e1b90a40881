/**
 * The files of the demo sentiment models: safetensors weights, a word-level tokenizer, the
 * model configuration and the inference code, derived from fixed seeds.
 */
import { json, LABELS, Tensor, text } from './files';

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
