/*
 * Readers for the hand-written fast paths next to the zod schemas of statements and
 * predicates. A fast path reads a well-formed value into exactly what its schema's `parse`
 * returns (known members only, in the schema's order, arrays copied; see `plainRecord` for
 * records) and gives up on anything else, which the schema then reads and describes.
 */

/** Thrown by the readers when a value is not one the fast path reads; never escapes. */
const NOT_SIMPLE: unique symbol = Symbol('not simple');

/** A JSON object as `JSON.parse` makes it. */
type JsonRecord = Record<string, unknown>;

function giveUp(): never {
  throw NOT_SIMPLE;
}

/**
 * Runs a fast path: its value, or undefined when a reader gave up (or the value is nested
 * too deeply to read).
 *
 * @internal
 */
export function readSimply<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error === NOT_SIMPLE || error instanceof RangeError) {
      return undefined;
    }
    throw error;
  }
}

/**
 * A plain object (what `JSON.parse` makes), else gives up.
 *
 * @internal
 */
export function plainObject(value: unknown): JsonRecord {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    giveUp();
  }
  return value as JsonRecord;
}

/**
 * An array, else gives up.
 *
 * @internal
 */
export function plainArray(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) {
    giveUp();
  }
  return value;
}

/**
 * Reads every item of an array into a new array (by index, so a hole is read as `undefined`,
 * as zod reads it), else gives up.
 *
 * @internal
 */
export function readArray<T>(value: unknown, read: (item: unknown) => T): T[] {
  const array = plainArray(value);
  const copy: T[] = new Array(array.length);
  for (let i = 0; i < array.length; i++) {
    copy[i] = read(array[i]);
  }
  return copy;
}

/**
 * A string of `min` to `max` UTF-16 code units (as zod counts), else gives up.
 *
 * @internal
 */
export function stringOf(value: unknown, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    giveUp();
  }
  return value;
}

/**
 * A finite number (zod's `z.number()`), else gives up.
 *
 * @internal
 */
export function finiteNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    giveUp();
  }
  return value;
}

/**
 * Gives up unless `ok`.
 *
 * @internal
 */
export function check(ok: boolean): void {
  if (!ok) {
    giveUp();
  }
}

/**
 * Whether an optional member, read as `value` from `record[key]`, is absent. Gives up when it
 * is present with the value `undefined` (zod then keeps the key), which JSON never gives.
 * (Callers read the member by name: a named read stays fast where `record[key]` would not.)
 *
 * @internal
 */
export function absent(value: unknown, record: object, key: string): boolean {
  if (value !== undefined) {
    return false;
  }
  if (Object.prototype.hasOwnProperty.call(record, key)) {
    giveUp();
  }
  return true;
}

/**
 * A record whose keys and values `accepts` accepts (any, without it), as `z.record` reads it. It is returned
 * as it is rather than copied as zod copies it (the same members in the same order), so only
 * values nobody else holds may be read with it. Gives up on a `__proto__` key (which zod
 * leaves out).
 *
 * @internal
 */
export function plainRecord(
  value: unknown,
  accepts?: (key: string, value: unknown) => boolean,
): JsonRecord {
  const record = plainObject(value);
  if (accepts) {
    for (const key in record) {
      if (!accepts(key, record[key])) {
        giveUp();
      }
    }
  }
  if (Object.prototype.hasOwnProperty.call(record, '__proto__')) {
    giveUp();
  }
  return record;
}
