/** An object at the top level of a JSON array body, as the bytes it came in. */
export interface RawElement {
  /** Its position in the array. */
  index: number;
  start: number;
  end: number;
  /** Members, counted by their colons (a key given twice counts twice, unlike in the parsed object). */
  keys: number;
  /** No whitespace outside strings: the bytes are one line. */
  compact: boolean;
}

/** What one pass over a body found. */
export interface BodyShape {
  /** Nesting deeper than allowed: the body must not be parsed. */
  tooDeep: boolean;
  /** The objects of a top-level array (none for any other body). */
  elements: RawElement[];
}

/**
 * One pass over a JSON body's bytes before anything parses it (strings and their escapes skipped): whether arrays and
 * objects nest deeper than `max` (a body like `[[[[…]]]]` is refused for what it is instead of reaching code that
 * recurses over the value), and where each object of a top-level array starts and ends, so that a valid event that
 * came compact and in order can be stored as the bytes it came in.
 * @param bytes the UTF-8 text (it need not be valid JSON)
 * @param max the deepest nesting allowed (a batch of events is 3 deep: array, event, list field)
 * @example bodyShape(Buffer.from('[[1]]'), 1).tooDeep // true
 */
export function bodyShape(bytes: Uint8Array, max: number): BodyShape {
  const elements: RawElement[] = [];
  const array = firstByte(bytes) === 0x5b;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let depth = 0;
  let index = 0;
  let current: RawElement | undefined;
  for (let i = 0; i < bytes.length; i++) {
    switch (bytes[i]) {
      case 0x22: {
        // Jump to the closing quote: the next quote not escaped by an odd number of backslashes.
        for (;;) {
          const quote = buffer.indexOf(0x22, i + 1);
          if (quote < 0) return { tooDeep: false, elements }; // an open string: JSON.parse refuses the body
          let slashes = 0;
          while (bytes[quote - 1 - slashes] === 0x5c) slashes++;
          i = quote;
          if (slashes % 2 === 0) break;
        }
        break;
      }
      case 0x5b:
      case 0x7b:
        if (++depth > max) return { tooDeep: true, elements: [] };
        if (depth === 2 && array && bytes[i] === 0x7b) current = { index, start: i, end: i, keys: 0, compact: true };
        break;
      case 0x5d:
      case 0x7d:
        if (depth === 2 && current) {
          current.end = i + 1;
          elements.push(current);
          current = undefined;
        }
        depth--;
        break;
      case 0x2c:
        if (depth === 1) index++;
        break;
      case 0x3a:
        if (depth === 2 && current) current.keys++;
        break;
      case 0x20:
      case 0x09:
      case 0x0a:
      case 0x0d:
        if (current) current.compact = false;
        break;
    }
  }
  return { tooDeep: false, elements };
}

function firstByte(bytes: Uint8Array): number | undefined {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  return undefined;
}
