import type { Condition, Signals } from '../types.js';
import { compileRegex } from './compile-regex.js';
import { isRecord } from './is-record.js';

/*
 * Conditions are compiled once into small closures, cached per condition object, so evaluating one
 * is a WeakMap lookup and a few closure calls: no key iteration, no operator dispatch, no allocation.
 * A condition with anything malformed anywhere compiles to "never matches".
 */

type Obj = Record<string, unknown>;
/** Tests one signal value. */
type Test = (x: unknown) => boolean;
/** Tests a whole snapshot. */
type Query = (s: Obj) => boolean;

const objectProto: object = Object.prototype;
const has = (o: object, key: string): boolean => objectProto.hasOwnProperty.call(o, key);
const isArray = (x: unknown): x is readonly unknown[] => Array.isArray(x);
const never = () => false;
const compiled = new WeakMap<object, Query>();

/** Thrown while compiling a malformed condition; the condition then never matches. */
const MALFORMED = new TypeError('malformed condition');
function malformed(): never {
  throw MALFORMED; // made once: junk input is compiled often, stack traces are not needed
}

/** Strict equality, and element-wise equality for two arrays (signal lists hold strings). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isArray(a) || !isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `test` holds for `x` or, when `x` is a list, for any element (MongoDB's array rule). */
function any(x: unknown, test: Test): boolean {
  if (test(x)) return true;
  if (isArray(x)) for (const e of x) if (test(e)) return true;
  return false;
}

/** `$eq`: the value itself, or any element of a list; `null` also matches a missing signal. */
function eqTest(v: unknown): Test {
  if (v !== null && (typeof v === 'object' ? !isArray(v) : typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) malformed();
  const element: Test = v === null ? (e) => e == null : (e) => same(e, v);
  return (x) => any(x, element);
}

/** `$in`: equality with any listed value. */
function inTest(v: unknown): Test {
  if (!isArray(v)) return malformed();
  const tests = v.map(eqTest);
  return (x) => {
    for (const test of tests) if (test(x)) return true;
    return false;
  };
}

/** Comparisons: only values of one type compare (MongoDB's type bracketing); `null` equals null or missing. */
function compareTest(op: string, v: unknown): Test {
  if (v === null) return op === '$gte' || op === '$lte' ? eqTest(null) : never;
  const t = typeof v;
  if (t !== 'number' && t !== 'string' && t !== 'boolean') malformed();
  const y = v as number;
  const cmp: Test = op === '$gt' ? (a) => (a as number) > y : op === '$gte' ? (a) => (a as number) >= y : op === '$lt' ? (a) => (a as number) < y : (a) => (a as number) <= y;
  const element: Test = (e) => typeof e === t && cmp(e);
  return (x) => any(x, element);
}

const TYPES = ['string', 'number', 'boolean', 'array', 'null'];
const typeName = (x: unknown) => (x === null ? 'null' : isArray(x) ? 'array' : typeof x);

/** Compiles one field's operator object (`{ "$gte": 2, "$lt": 5 }`): every operator must hold. */
function compileOps(o: Obj, budget: { n: number }): Test {
  if (--budget.n < 0) malformed();
  const tests: Test[] = [];
  for (const op of Object.keys(o)) {
    const v = o[op];
    let test: Test;
    switch (op) {
      case '$eq': test = eqTest(v); break;
      case '$ne': { const t = eqTest(v); test = (x) => !t(x); break; }
      case '$in': test = inTest(v); break;
      case '$nin': { const t = inTest(v); test = (x) => !t(x); break; }
      case '$gt': case '$gte': case '$lt': case '$lte': test = compareTest(op, v); break;
      case '$regex': {
        const flags = has(o, '$options') ? o.$options : '';
        const re = typeof v === 'string' && typeof flags === 'string' ? compileRegex(v, flags) : null;
        if (!re) return malformed();
        const element: Test = (e) => typeof e === 'string' && re.test(e);
        test = (x) => any(x, element);
        break;
      }
      case '$options': if (!has(o, '$regex')) malformed(); continue;
      case '$exists': if (typeof v !== 'boolean') malformed(); test = (x) => (x !== undefined) === v; break;
      case '$type': {
        const types = isArray(v) ? v : [v];
        if (!types.length || !types.every((t) => TYPES.includes(t as string))) malformed();
        const element: Test = (e) => types.includes(typeName(e));
        test = (x) => any(x, element);
        break;
      }
      case '$size': if (typeof v !== 'number') malformed(); test = (x) => isArray(x) && x.length === v; break;
      case '$all': {
        if (!isArray(v) || !v.length) malformed();
        const all = v.map(eqTest);
        test = (x) => {
          for (const test of all) if (!test(x)) return false;
          return true;
        };
        break;
      }
      case '$elemMatch': {
        if (!isRecord(v)) malformed();
        const element = Object.keys(v).every((k) => k.startsWith('$')) ? compileOps(v, budget) : objectTest(compileQuery(v, budget));
        test = (x) => {
          if (isArray(x)) for (const e of x) if (element(e)) return true;
          return false;
        };
        break;
      }
      case '$not': {
        if (!isRecord(v)) malformed();
        const t = compileOps(v, budget);
        test = (x) => !t(x);
        break;
      }
      default: return malformed();
    }
    tests.push(test);
  }
  return every(tests);
}

/** `$elemMatch` with field names: the element must be an object that satisfies the query. */
const objectTest = (q: Query): Test => (x) => isRecord(x) && q(x);

/** All of the tests hold (at least one is required). */
function every<T>(tests: ((x: T) => boolean)[]): (x: T) => boolean {
  const [first, second] = tests;
  if (!first) return malformed();
  if (!second) return first;
  return (x) => {
    for (const test of tests) if (!test(x)) return false;
    return true;
  };
}

/** Compiles a query: every field clause and every `$and`/`$or`/`$nor` must hold. `{}` matches everything. */
function compileQuery(c: unknown, budget: { n: number }): Query {
  if (!isRecord(c) || --budget.n < 0) return malformed();
  const parts: Query[] = [];
  for (const k of Object.keys(c)) {
    const v = c[k];
    if (k.startsWith('$')) {
      if (!isArray(v) || !v.length || (k !== '$and' && k !== '$or' && k !== '$nor')) malformed();
      const members = v.map((m) => compileQuery(m, budget));
      const want = k === '$and', or = k === '$or';
      // $and: no member fails; $or: some member holds; $nor: no member holds.
      parts.push((s) => {
        for (const member of members) if (member(s) !== want) return or;
        return !or;
      });
    } else {
      const test = isRecord(v) ? compileOps(v, budget) : eqTest(v);
      // Whole dotted names, own properties only: "constructor" is not a signal.
      parts.push(k in objectProto ? (s) => test(has(s, k) ? s[k] : undefined) : (s) => test(s[k]));
    }
  }
  return parts.length ? every(parts) : () => true;
}

/**
 * Evaluates a MongoDB-style condition against the flat signal snapshot.
 *
 * Keys are whole dotted signal names (`"utm.campaign"`), looked up directly in the snapshot.
 * Operators: `$eq $ne $in $nin $gt $gte $lt $lte $regex` (with `$options`: `i m s u`)
 * `$exists $type $size $elemMatch $all $not`, and `$and $or $nor` at the top.
 * A plain value means `$eq`. Array signals match as in MongoDB: equality, `$in`, `$regex`, `$type` and
 * comparisons hold when any element matches; `$size` and `$all` look at the whole list; `$elemMatch`
 * needs one element to satisfy all its operators. Comparisons only compare values of the same type.
 * A missing signal equals `null`, so `$ne`, `$nin` and `$not` match it.
 *
 * Each condition object is compiled once and cached, so treat conditions as immutable.
 * Never throws: a condition with anything malformed (an unknown operator, a wrong operand, a regex
 * that does not compile, a cycle) never matches. `validateConfig` reports such problems.
 *
 * @example evaluateCondition({ 'pages.docs': { $gte: 2 } }, { 'pages.docs': 3 }) // true
 */
export function evaluateCondition(condition: Condition, signals: Signals): boolean {
  try {
    let query = compiled.get(condition);
    if (!query) {
      try {
        query = compileQuery(condition, { n: 10_000 });
      } catch {
        query = never;
      }
      compiled.set(condition, query);
    }
    return query(signals);
  } catch {
    return false;
  }
}
