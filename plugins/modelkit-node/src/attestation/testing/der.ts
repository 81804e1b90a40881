/**
 * A minimal ASN.1 DER writer, enough to build X.509 certificates for tests.
 */

function length(n: number): Buffer {
  if (n < 0x80) {
    return Buffer.from([n]);
  }
  const bytes: number[] = [];
  let rest = n;
  while (rest > 0) {
    bytes.unshift(rest & 0xff);
    rest = Math.floor(rest / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** A tag-length-value element. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

function oidBytes(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0] + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    let rest = Math.floor(arc / 128);
    while (rest > 0) {
      chunk.unshift((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(...chunk);
  }
  return Buffer.from(out);
}

function integerBytes(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) {
    hex = `0${hex}`;
  }
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) {
    bytes = Buffer.concat([Buffer.from([0]), bytes]);
  }
  return bytes;
}

function utcTime(date: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const text = `${p(date.getUTCFullYear() % 100)}${p(
    date.getUTCMonth() + 1,
  )}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(
    date.getUTCMinutes(),
  )}${p(date.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

/** DER element writers. */
export const der = {
  sequence: (...items: Buffer[]) => tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]) => tlv(0x31, Buffer.concat(items)),
  integer: (value: bigint | number) => tlv(0x02, integerBytes(BigInt(value))),
  boolean: (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0])),
  oid: (dotted: string) => tlv(0x06, oidBytes(dotted)),
  utf8: (text: string) => tlv(0x0c, Buffer.from(text, 'utf8')),
  octetString: (bytes: Buffer) => tlv(0x04, bytes),
  bitString: (bytes: Buffer, unusedBits = 0) =>
    tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes])),
  utcTime,
  /** An explicitly tagged, constructed context-specific element: `[n] EXPLICIT`. */
  explicit: (tag: number, content: Buffer) => tlv(0xa0 | tag, content),
  /** An implicitly tagged, primitive context-specific element: `[n] IMPLICIT`. */
  implicit: (tag: number, bytes: Buffer) => tlv(0x80 | tag, bytes),
};
