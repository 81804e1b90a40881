/**
 * The 1-based line and column of an offset in a text.
 *
 * @internal
 */
export function textPosition(
  text: string,
  offset: number,
): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  let line = 1;
  let lineStart = 0;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: before.length - lineStart + 1 };
}
