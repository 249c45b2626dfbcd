import { describe, expect, it } from 'vitest';
import { bodyShape } from '../../src/collect/body-shape.js';

const shape = (text: string, max = 8) => bodyShape(Buffer.from(text), max);

describe('bodyShape', () => {
  it('measures nesting outside strings only (brackets and escaped quotes inside strings do not count)', () => {
    expect(shape('[[1]]', 1).tooDeep).toBe(true);
    expect(shape('[[1]]', 2).tooDeep).toBe(false);
    expect(shape('["[[[[", "a\\"[[[[", "\\\\", {"k": "]]]]"}]', 2).tooDeep).toBe(false);
    expect(shape('["\\\\"[[[]]]]', 2).tooDeep).toBe(true); // the string ends at the quote after an escaped backslash
    expect(shape('['.repeat(100_000), 8).tooDeep).toBe(true);
  });

  it('finds each object of a top-level array with its index, member count and whether it is one line', () => {
    const text = '[{"a":1,"b":"x:y,z"}, 7, {"c":[1,2],"d":{"e":1}} ,{ "f": 1 }]';
    expect(shape(text).elements.map(({ index, keys, compact, start, end }) => [index, keys, compact, text.slice(start, end)])).toEqual([
      [0, 2, true, '{"a":1,"b":"x:y,z"}'],
      [2, 2, true, '{"c":[1,2],"d":{"e":1}}'],
      [3, 1, false, '{ "f": 1 }'],
    ]);
    expect(shape('{"a":1}').elements).toEqual([]); // one event, not a batch
    expect(shape(' [{"a":1,"a":2}]').elements[0]?.keys).toBe(2); // a key given twice counts twice
  });
});
