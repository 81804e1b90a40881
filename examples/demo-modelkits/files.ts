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

/** The sentiment labels the demo models predict and the demo datasets carry. */
export const LABELS = ['negative', 'neutral', 'positive'] as const;

export function json(value: unknown): Buffer {
  return text(`${JSON.stringify(value, null, 2)}\n`);
}

export function text(value: string): Buffer {
  return Buffer.from(value, 'utf8');
}
