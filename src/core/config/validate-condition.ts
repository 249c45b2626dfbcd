import { isRecord } from '../conditions/is-record.js';
import { SIGNAL_CATALOG, signalSpec } from '../signals/signal-catalog.js';
import type { ReportProblem } from './config-error-codes.js';
import { didYouMean } from './closest-name.js';
import { jsonPath } from './json-path.js';
import { showValue } from './show-value.js';
import { VERBOSE } from './verbose-errors.js';

/** What a condition may refer to besides the signal catalog. */
export interface ConditionScope {
  /** Section names from `sections` (for `pages.<section>`). */
  sections: readonly string[];
  /** Keys from `declare` and `ask.key` (for `declared.<key>`). */
  declared: readonly string[];
}

type Obj = Record<string, unknown>;

const isScalar = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && isFinite(x));
const isValue = (x: unknown) => isScalar(x) || (Array.isArray(x) && x.every(isScalar));
const isValues = (x: unknown) => Array.isArray(x) && x.every(isValue);
const isOrdered = (x: unknown) => typeof x === 'string' || (typeof x === 'number' && isFinite(x));
const TYPES = ['string', 'number', 'boolean', 'array', 'null'];
const isType = (x: unknown) => TYPES.includes(x as string);
const LOGIC = ['$and', '$or', '$nor'];

/** What each field operator takes. `$regex`, `$options`, `$elemMatch` and `$not` are checked in code. */
const OPERANDS: Record<string, (x: unknown) => boolean> = {
  $eq: isValue,
  $ne: isValue,
  $in: isValues,
  $nin: isValues,
  $all: (x) => isValues(x) && (x as unknown[]).length > 0,
  $gt: isOrdered,
  $gte: isOrdered,
  $lt: isOrdered,
  $lte: isOrdered,
  $exists: (x) => typeof x === 'boolean',
  $size: (x) => Number.isInteger(x) && (x as number) >= 0,
  $type: (x) => isType(x) || (Array.isArray(x) && x.length > 0 && x.every(isType)),
};
/** What each field operator takes, in words (error text only). */
const VALUE = 'a string, number, true/false, null or a list of strings';
const VALUES = 'a list of values, like ["a", "b"]';
const ORDERED = 'a number or a string';
const OPERAND_KINDS: Record<string, string> = {
  $eq: VALUE,
  $ne: VALUE,
  $in: VALUES,
  $nin: VALUES,
  $all: 'a non-empty list of values, like ["en", "de"]',
  $gt: ORDERED,
  $gte: ORDERED,
  $lt: ORDERED,
  $lte: ORDERED,
  $exists: 'true or false',
  $size: 'a whole number, 0 or more',
  $type: `one of ${/* @__PURE__ */ TYPES.join(', ')} (or a list of them)`,
};
// Pure, so a bundle that never validates (the script tag's runtime) does not carry the validator's tables.
const OPERATORS = /* @__PURE__ */ (() => [...LOGIC, ...Object.keys(OPERANDS), '$regex', '$options', '$elemMatch', '$not'])();
const FIX_OPERAND = 'See the operator table in docs/config.md#conditions.';

/** The "did you mean" hint for an unknown signal name (error text only). */
const nearSignal = (name: string, scope: ConditionScope): string => {
  const known = SIGNAL_CATALOG.filter((s) => !s.name.endsWith('*')).map((s) => s.name);
  known.push(...scope.sections.map((s) => `pages.${s}`), ...scope.declared.map((k) => `declared.${k}`));
  // A misspelt family ("page.docs") still keeps its key.
  const dot = name.indexOf('.');
  if (dot > 0) known.push(...['query', 'pages', 'declared', 'goals', 'interest'].map((f) => `${f}.${name.slice(dot + 1)}`));
  return didYouMean(name, known);
};
/** `"a", "b"` or `none yet` (error text only). */
const listNames = (names: readonly string[]) => (names.length ? names.map((n) => `"${n}"`).join(', ') : 'none yet');

/**
 * Checks a condition (an audience's `when` or an experience's `eligible`) and reports every problem
 * with its path: unknown operators and signals (with the closest known name), operands of the wrong
 * kind, regexes that do not compile, `pages.<section>` and `declared.<key>` outside the config's lists.
 * Message and fix are empty when {@link VERBOSE} is false (the script-tag build).
 */
export function validateCondition(condition: unknown, path: string, scope: ConditionScope, report: ReportProblem): void {
  // Every message and fix is guarded by VERBOSE, so the script-tag build keeps none of the text.
  const bad = (p: string, message: string, fix = VERBOSE ? FIX_OPERAND : '') => {
    report('invalid-condition', p, message, fix);
  };
  const unknownOperator = (p: string, op: string) => {
    report('unknown-operator', p, VERBOSE ? `"${op}" is not an operator Candor knows.` : '', VERBOSE ? `${didYouMean(op, OPERATORS)}Operators: ${OPERATORS.join(' ')}.` : '');
  };

  const query = (c: unknown, p: string): void => {
    if (!isRecord(c)) {
      bad(p, VERBOSE ? `A condition must be an object like { "utm.campaign": "spring" }, not ${showValue(c)}.` : '');
      return;
    }
    for (const key of Object.keys(c)) {
      const v = c[key], pk = jsonPath(p, key);
      if (!key.startsWith('$')) {
        signal(key, pk);
        if (isRecord(v)) operators(v, pk);
        else if (!isValue(v)) bad(pk, VERBOSE ? `A signal is compared with a string, number, true/false, null or a list, not ${showValue(v)}.` : '');
      } else if (!LOGIC.includes(key)) {
        if (OPERATORS.includes(key)) {
          bad(pk, VERBOSE ? `${key} compares one signal, so it goes under a signal name.` : '', VERBOSE ? `Write { "utm.campaign": { "${key}": ... } }; only $and, $or and $nor go at the top.` : '');
        } else unknownOperator(pk, key);
      } else if (!Array.isArray(v) || !v.length) {
        bad(pk, VERBOSE ? `${key} takes a non-empty list of conditions, not ${showValue(v)}.` : '', VERBOSE ? `Write { "${key}": [{ ... }, { ... }] }.` : '');
      } else v.forEach((member, i) => { query(member, jsonPath(pk, i)); });
    }
  };

  const operators = (o: Obj, p: string): void => {
    const keys = Object.keys(o);
    if (!keys.length) bad(p, VERBOSE ? 'An empty object compares with nothing and never matches.' : '', VERBOSE ? 'Use an operator, like { "$exists": true }, or a plain value.' : '');
    for (const op of keys) {
      const v = o[op], pk = jsonPath(p, op);
      const operand = op.startsWith('$') ? OPERANDS[op] : undefined; // never an inherited name like "constructor"
      if (operand) {
        if (!operand(v)) bad(pk, VERBOSE ? `${op} takes ${OPERAND_KINDS[op] ?? ''}, not ${showValue(v)}.` : '');
      } else if (op === '$regex') {
        const flags = o.$options ?? '';
        if (typeof v !== 'string') {
          bad(pk, VERBOSE ? `$regex takes the pattern as a string, not ${showValue(v)}.` : '', VERBOSE ? 'Write the pattern without slashes: { "$regex": "^health", "$options": "i" }.' : '');
        } else if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) {
          report(
            'invalid-regex',
            jsonPath(p, '$options'),
            VERBOSE ? `$options must be letters among i, m, s, u, not ${showValue(flags)}.` : '',
            VERBOSE ? 'Use "i" for case-insensitive, "m" for multi-line, "s" for dot-all, "u" for Unicode.' : '',
          );
        } else {
          try {
            new RegExp(v, flags);
          } catch (error) {
            report(
              'invalid-regex',
              pk,
              VERBOSE ? `The pattern ${showValue(v)} does not compile: ${(error as Error).message}.` : '',
              VERBOSE ? 'Fix the pattern (JavaScript syntax; escape a literal "." or "?" with a double backslash in JSON).' : '',
            );
          }
        }
      } else if (op === '$options') {
        if (!('$regex' in o)) bad(pk, VERBOSE ? '$options only goes with $regex.' : '', VERBOSE ? 'Add a "$regex" next to it, or remove "$options".' : '');
      } else if (op === '$not' || op === '$elemMatch') {
        if (isRecord(v) && Object.keys(v).every((k) => k.startsWith('$'))) operators(v, pk);
        else bad(pk, VERBOSE ? `${op} takes operators, like { "${op}": { "$regex": "^en" } }, not ${showValue(v)}.` : '');
      } else if (LOGIC.includes(op)) {
        bad(pk, VERBOSE ? `${op} combines whole conditions, so it cannot go under a signal name.` : '', VERBOSE ? `Move it to the top: { "${op}": [{ "signal": ... }, { ... }] }.` : '');
      } else if (op.startsWith('$')) unknownOperator(pk, op);
      else bad(pk, VERBOSE ? `Signals never hold objects, so "${op}" cannot be matched here.` : '', VERBOSE ? 'Compare with an operator, like { "$eq": "value" }, or a plain value.' : '');
    }
  };

  const signal = (name: string, p: string): void => {
    const spec = signalSpec(name);
    const dot = name.indexOf('.'), family = name.slice(0, dot), key = name.slice(dot + 1);
    if (spec && family === 'pages' && !scope.sections.includes(key)) {
      report(
        'unknown-section',
        p,
        VERBOSE ? `"${name}" counts pages in the section "${key}", but "sections" does not define it.` : '',
        VERBOSE ? `Add "${key}": "/${key}" (the path prefix of its pages) to "sections" (defined: ${listNames(scope.sections)}).` : '',
      );
    } else if (spec && family === 'declared' && !scope.declared.includes(key)) {
      report(
        'undeclared-attribute',
        p,
        VERBOSE ? `"${name}" reads the declared attribute "${key}", but "declare" does not list it.` : '',
        VERBOSE ? `Add "${key}" to "declare" (listed: ${listNames(scope.declared)}).` : '',
      );
    } else if (!spec) {
      report(
        'unknown-signal',
        p,
        VERBOSE ? `"${name}" is not a signal Candor reads.` : '',
        VERBOSE
          ? `${nearSignal(name, scope)}Use a name from the signal list in docs/config.md#signals (families: query.<name>, pages.<section>, declared.<key>, goals.<goal>, interest.<topic>).`
          : '',
      );
    }
  };

  query(condition, path);
}
