/**
 * Whether a JSON text nests arrays and objects deeper than `max`, found by one pass over its bytes (strings and their
 * escapes skipped) before anything parses it: a body like `[[[[…]]]]` is refused for what it is instead of reaching
 * code that recurses over the value.
 * @param bytes the UTF-8 text (it need not be valid JSON)
 * @param max the deepest nesting allowed (a batch of events is 3 deep: array, event, list field)
 * @example nestedDeeperThan(Buffer.from('[[1]]'), 1) // true
 */
export function nestedDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) {
      if (++depth > max) return true;
    } else if (b === 0x5d || b === 0x7d) depth--;
  }
  return false;
}
