import { report, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';

/** Deepest nesting read; conditions nest, configs do not need more. */
const MAX_DEPTH = 64;
/** Most values read in one config; a real one has a few hundred. */
const MAX_VALUES = 100_000;

/**
 * Copies untrusted input into plain JSON-like data (plain objects, arrays, primitives) that later
 * checks can read without any surprise: no getters, proxies, cycles or prototype tricks.
 * Unreadable parts are reported as `not-json` and left out (`undefined`); primitives, including
 * functions and non-finite numbers, are kept for the type checks to name.
 * An own `__proto__` key stays an ordinary own property; it never changes a prototype.
 * @returns the copy, or undefined (with one `not-json` problem at the root) when the input is over 100,000 values.
 */
export function toPlainJson(input: unknown, problems: Problems): unknown {
  let count = 0;
  const ancestors: object[] = [];
  const copy = (x: unknown, path: string): unknown => {
    if (++count > MAX_VALUES) throw new RangeError('too many values');
    if (typeof x !== 'object' || x === null) return x;
    const cycle = ancestors.includes(x);
    if (cycle || ancestors.length >= MAX_DEPTH) {
      report(problems, 'not-json', path, cycle ? 'cycle' : 'deep');
      return undefined;
    }
    ancestors.push(x);
    try {
      if (Array.isArray(x)) {
        const out: unknown[] = [];
        for (let i = 0; i < x.length; i++) out.push(copy(read(x, i, path), jsonPath(path, i)));
        return out;
      }
      const kind = Object.prototype.toString.call(x).slice(8, -1);
      if (kind !== 'Object') {
        report(problems, 'not-json', path, kind, 'kind');
        return undefined;
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(x)) {
        const value = copy(read(x, key, path), jsonPath(path, key));
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    } catch (error) {
      if (count > MAX_VALUES) throw error;
      report(problems, 'not-json', path, 'proxy');
      return undefined;
    } finally {
      ancestors.pop();
    }
  };
  const read = (x: object, key: string | number, path: string): unknown => {
    try {
      return (x as Record<string | number, unknown>)[key];
    } catch {
      report(problems, 'not-json', jsonPath(path, key), 'getter');
      return undefined;
    }
  };
  try {
    return copy(input, '');
  } catch {
    report(problems, 'not-json', '', 'too-many');
    return undefined;
  }
}
