import type { ASN1Obj } from '@sigstore/core';

/** How many octets the DER length of a content length takes. */
function lengthSize(length: number): number {
  let size = 1;
  if (length >= 0x80) {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
      size++;
    }
  }
  return size;
}

/** Writes DER length octets: short form below 128, else the minimal long form. */
function writeLength(out: Buffer, offset: number, length: number): number {
  const size = lengthSize(length);
  if (size === 1) {
    out[offset] = length;
    return offset + 1;
  }
  out[offset] = 0x80 | (size - 1);
  let rest = length;
  for (let i = size - 1; i > 0; i--) {
    out[offset + i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return offset + size;
}

/**
 * The children `toDER()` encodes. Like `toDER()` after a child was spliced out, a node left
 * without children is encoded from its original value.
 */
function childrenOf(obj: ASN1Obj, omit: ASN1Obj | undefined): ASN1Obj[] {
  return omit && obj.subs.includes(omit)
    ? obj.subs.filter(sub => sub !== omit)
    : obj.subs;
}

/** Measures each node's content length, in pre-order; returns the node's encoded length. */
function measure(
  obj: ASN1Obj,
  omit: ASN1Obj | undefined,
  lengths: number[],
): number {
  const at = lengths.length;
  lengths.push(0);
  const subs = childrenOf(obj, omit);
  let content = 0;
  if (subs.length > 0) {
    for (const sub of subs) {
      content += measure(sub, omit, lengths);
    }
  } else {
    content = obj.value.length;
  }
  lengths[at] = content;
  return 1 + lengthSize(content) + content;
}

/** Values up to this many octets are copied octet by octet. */
const SHORT_VALUE = 64;

/** Copies `value` into `out` at `offset`: by hand when short (a typed-array copy costs more). */
function copyInto(out: Buffer, offset: number, value: Uint8Array): void {
  const length = value.length;
  if (length <= SHORT_VALUE) {
    for (let i = 0; i < length; i++) {
      out[offset + i] = value[i];
    }
  } else {
    out.set(value, offset);
  }
}

function write(
  obj: ASN1Obj,
  omit: ASN1Obj | undefined,
  lengths: number[],
  state: { node: number; offset: number },
  out: Buffer,
): void {
  const content = lengths[state.node++];
  out[state.offset] = obj.tag.toDER();
  state.offset = writeLength(out, state.offset + 1, content);
  const subs = childrenOf(obj, omit);
  if (subs.length > 0) {
    for (const sub of subs) {
      write(sub, omit, lengths, state, out);
    }
  } else {
    copyInto(out, state.offset, obj.value);
    state.offset += obj.value.length;
  }
}

/**
 * Encodes a parsed ASN.1 object back to DER exactly as `ASN1Obj.toDER()` of `@sigstore/core`
 * does (the same bytes: tag, minimal length, the children's encodings or the value), into one
 * buffer instead of several per node. With `omit`, that one descendant is left out, as
 * `@sigstore/verify` does when it removes the SCT extension to rebuild the precertificate.
 *
 * @internal
 */
export function encodeAsn1(obj: ASN1Obj, omit?: ASN1Obj): Buffer {
  const lengths: number[] = [];
  const out = Buffer.allocUnsafe(measure(obj, omit, lengths));
  write(obj, omit, lengths, { node: 0, offset: 0 }, out);
  return out;
}
