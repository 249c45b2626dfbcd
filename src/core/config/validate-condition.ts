import { isRecord } from '../conditions/is-record.js';
import { SIGNAL_CATALOG, signalSpec } from '../signals/signal-catalog.js';
import { didYouMean } from './closest-name.js';
import { isValue, LOGIC, OPERANDS, OPERATORS } from './condition-operators.js';
import { report, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';

/** What a condition may refer to besides the signal catalog. */
export interface ConditionScope {
  /** Section names from `sections` (for `pages.<section>`). */
  sections: readonly string[];
  /** Keys from `declare` and `ask.key` (for `declared.<key>`). */
  declared: readonly string[];
}

type Obj = Record<string, unknown>;

/** The "did you mean" hint for an unknown signal name. */
const nearSignal = (name: string, sections: readonly string[], declared: readonly string[]): string => {
  const known = SIGNAL_CATALOG.filter((s) => !s.name.endsWith('*')).map((s) => s.name);
  known.push(...sections.map((s) => `pages.${s}`), ...declared.map((k) => `declared.${k}`));
  // A misspelt family ("page.docs") still keeps its key.
  const dot = name.indexOf('.');
  if (dot > 0) known.push(...['query', 'pages', 'declared', 'goals', 'interest'].map((f) => `${f}.${name.slice(dot + 1)}`));
  return didYouMean(name, known);
};

/**
 * Checks a condition (an audience's `when` or an experience's `eligible`) and reports every problem
 * with its path: unknown operators and signals (with the closest known name), operands of the wrong
 * kind, regexes that do not compile, `pages.<section>` and `declared.<key>` outside the config's lists.
 */
export function validateCondition(condition: unknown, path: string, scope: ConditionScope, r: Problems): void {
  const { sections, declared } = scope;
  const unknownOperator = (p: string, op: string) => {
    report(r, 'unknown-operator', p, op, /* @__PURE__ */ didYouMean(op, OPERATORS));
  };

  const query = (c: unknown, p: string): void => {
    if (!isRecord(c)) {
      report(r, 'invalid-condition', p, c, 'not-object');
      return;
    }
    for (const key of Object.keys(c)) {
      const v = c[key], pk = jsonPath(p, key);
      if (!key.startsWith('$')) {
        signal(key, pk);
        if (isRecord(v)) operators(v, pk);
        else if (!isValue(v)) report(r, 'invalid-condition', pk, v, 'signal-value');
      } else if (!LOGIC.includes(key)) {
        if (OPERATORS.includes(key)) {
          report(r, 'invalid-condition', pk, key, 'top-level');
        } else unknownOperator(pk, key);
      } else if (!Array.isArray(v) || !v.length) {
        report(r, 'invalid-condition', pk, key, v, 'logic-list');
      } else v.forEach((member, i) => { query(member, jsonPath(pk, i)); });
    }
  };

  const operators = (o: Obj, p: string): void => {
    const keys = Object.keys(o);
    if (!keys.length) report(r, 'invalid-condition', p, 'empty');
    for (const op of keys) {
      const v = o[op], pk = jsonPath(p, op);
      const operand = op.startsWith('$') ? OPERANDS[op] : undefined; // never an inherited name like "constructor"
      if (operand) {
        if (!operand(v)) report(r, 'invalid-condition', pk, op, v, 'operand');
      } else if (op === '$regex') {
        const flags = o.$options ?? '';
        if (typeof v !== 'string') {
          report(r, 'invalid-condition', pk, v, 'regex-type');
        } else if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) {
          report(r, 'invalid-regex', jsonPath(p, '$options'), flags, 'options');
        } else {
          try {
            new RegExp(v, flags);
          } catch (error) {
            report(r, 'invalid-regex', pk, v, (error as Error).message, 'pattern');
          }
        }
      } else if (op === '$options') {
        if (!('$regex' in o)) report(r, 'invalid-condition', pk, 'options-alone');
      } else if (op === '$not' || op === '$elemMatch') {
        if (isRecord(v) && Object.keys(v).every((k) => k.startsWith('$'))) operators(v, pk);
        else report(r, 'invalid-condition', pk, op, v, 'not-operators');
      } else if (LOGIC.includes(op)) {
        report(r, 'invalid-condition', pk, op, 'nested-logic');
      } else if (op.startsWith('$')) unknownOperator(pk, op);
      else report(r, 'invalid-condition', pk, op, 'object-value');
    }
  };

  const signal = (name: string, p: string): void => {
    const spec = signalSpec(name);
    const dot = name.indexOf('.'), family = name.slice(0, dot), key = name.slice(dot + 1);
    if (spec && family === 'pages' && !sections.includes(key)) report(r, 'unknown-section', p, name, key, sections);
    else if (spec && family === 'declared' && !declared.includes(key)) report(r, 'undeclared-attribute', p, name, key, declared);
    else if (!spec) report(r, 'unknown-signal', p, name, /* @__PURE__ */ nearSignal(name, sections, declared));
  };

  query(condition, path);
}
