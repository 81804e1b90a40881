/**
 * Finds where YAML flow collections (`[...]`, `{...}`) first nest deeper than a bound, scanning
 * the text without parsing it. Deeply nested flow collections are cheap to write and expensive
 * to parse, so they are refused before the parser sees them. Quoted strings and comments are
 * skipped; brackets inside plain scalars may be counted, so callers use a generous bound.
 *
 * @returns The offset of the opening bracket that goes too deep, or undefined.
 *
 * @internal
 */
export function findExcessiveFlowNesting(
  text: string,
  bound: number,
): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === '"') {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        quote = undefined;
      }
      continue;
    }
    if (quote === "'") {
      if (char === "'") {
        if (text[i + 1] === "'") {
          i++;
        } else {
          quote = undefined;
        }
      }
      continue;
    }
    const previous = i === 0 ? '\n' : text[i - 1];
    const atTokenStart = /[\s[{,:]/.test(previous);
    if (char === '#' && /\s/.test(previous)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if ((char === '"' || char === "'") && atTokenStart) {
      quote = char;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > bound) {
        return i;
      }
    } else if ((char === ']' || char === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
