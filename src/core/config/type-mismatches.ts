import { isRecord } from '../conditions/is-record.js';
import { signalType, type SignalType } from '../signals/signal-catalog.js';
import type { ConfigError } from '../types.js';
import { jsonPath } from './json-path.js';
import { showValue } from './show-value.js';

type Obj = Record<string, unknown>;

/** The kind of value, in words, with an example operand. */
const KINDS: Record<SignalType, [words: string, example: string]> = {
  string: ['a string', '"spring"'],
  number: ['a number', '2'],
  boolean: ['true or false', 'true'],
  list: ['a list of strings', '"en"'],
};

/** Whether `x` can equal a value of this kind (null stands for a missing signal; a list also equals one element). */
const canEqual = (x: unknown, type: SignalType): boolean => {
  if (x === null) return true;
  if (type === 'list') return typeof x === 'string' || (Array.isArray(x) && x.every((e) => typeof e === 'string'));
  return typeof x === type;
};
/** Whether `x` can be ordered against a value of this kind (`$gt` … compare the same types only; a list by element). */
const canOrder = (x: unknown, type: SignalType): boolean => (type === 'list' ? typeof x === 'string' : type !== 'boolean' && typeof x === type);

/**
 * Operands that can never match the signal they are compared with, because the signal holds another kind of value:
 * `{ "pages.docs": { "$gte": "two" } }` (a number), `{ "visit.returning": "yes" }` (true or false),
 * `{ "utm.campaign": 42 }` (a string). Such a rule is valid, and is used as written by every build (it simply never
 * matches, or for `$ne` / `$nin` always holds), so these are warnings that `candor check` prints with the code
 * `type-mismatch`; validation does not drop anything for them. Reads the audiences' `when` and the experiences'
 * `eligible` of a parsed config, whatever its state; never throws.
 * @param input a parsed config
 * @returns one warning per operand, with its JSON path, what is wrong and the fix
 * @example typeMismatches({ audiences: { x: { when: { 'visit.returning': 'yes' } } } })[0].path // 'audiences.x.when["visit.returning"]'
 */
export function typeMismatches(input: unknown): ConfigError[] {
  const warnings: ConfigError[] = [];
  const warn = (path: string, name: string, type: SignalType, operand: unknown, outcome: string, fix: string): void => {
    warnings.push({
      code: 'type-mismatch',
      path,
      message: `"${name}" holds ${KINDS[type][0]}, so ${showValue(operand)} ${outcome}.`,
      fix,
    });
  };
  const writeKind = (type: SignalType, op: string): string =>
    `Write ${KINDS[type][0]}${op ? `: { "${op}": ${op === '$in' || op === '$nin' ? `[${KINDS[type][1]}]` : KINDS[type][1]} }` : `, like ${KINDS[type][1]}`}${type === 'boolean' ? '' : ' (no quotes around numbers, quotes around text)'}.`;

  const operators = (o: Obj, name: string, type: SignalType, p: string): void => {
    for (const op of Object.keys(o)) {
      const v = o[op], pk = jsonPath(p, op);
      if (op === '$eq' && !canEqual(v, type)) warn(pk, name, type, v, 'never equals it: this rule never matches', writeKind(type, op));
      else if (op === '$ne' && !canEqual(v, type)) warn(pk, name, type, v, 'always differs from it: this test always holds', writeKind(type, op));
      else if ((op === '$in' || op === '$nin') && Array.isArray(v) && v.length && !v.some((x) => canEqual(x, type))) {
        warn(pk, name, type, v, op === '$in' ? 'holds nothing it can equal: this rule never matches' : 'holds nothing it can equal: this test always holds', writeKind(type, op));
      } else if (['$gt', '$gte', '$lt', '$lte'].includes(op) && (typeof v === 'string' || typeof v === 'number') && !canOrder(v, type)) {
        warn(pk, name, type, v, `never compares with it (${op} compares values of the same type only): this rule never matches`, type === 'boolean' ? `Compare true/false with equality: { "${name}": true }.` : writeKind(type, op));
      } else if (op === '$regex' && typeof v === 'string' && type !== 'string' && type !== 'list') {
        warn(pk, name, type, v, 'is never matched by a pattern, which reads strings only: this rule never matches', type === 'number' ? `Compare numbers with $gt, $gte, $lt, $lte: { "$gte": 2 }.` : `Compare true/false with equality: { "${name}": true }.`);
      } else if ((op === '$size' || op === '$all' || op === '$elemMatch') && type !== 'list') {
        warn(pk, name, type, v, `is not a list, so ${op} never matches it: this rule never matches`, `Use ${op} only on list signals (locale.languages, recent.pages).`);
      }
    }
  };

  const query = (c: unknown, p: string): void => {
    if (!isRecord(c)) return;
    for (const key of Object.keys(c)) {
      const v = c[key], pk = jsonPath(p, key);
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (Array.isArray(v)) v.forEach((member, i) => { query(member, jsonPath(pk, i)); });
        continue;
      }
      const type = key.startsWith('$') ? undefined : signalType(key);
      if (!type) continue;
      if (isRecord(v)) operators(v, key, type, pk);
      else if (!canEqual(v, type) && (v === null || typeof v !== 'object' || Array.isArray(v))) warn(pk, key, type, v, 'never equals it: this rule never matches', writeKind(type, ''));
    }
  };

  try {
    if (!isRecord(input)) return warnings;
    if (isRecord(input.audiences)) {
      for (const [id, a] of Object.entries(input.audiences)) if (isRecord(a)) query(a.when, jsonPath(jsonPath('audiences', id), 'when'));
    }
    if (isRecord(input.slots)) {
      for (const [slot, s] of Object.entries(input.slots)) {
        if (!isRecord(s) || !Array.isArray(s.experiences)) continue;
        const pe = jsonPath(jsonPath('slots', slot), 'experiences');
        s.experiences.forEach((e: unknown, i) => {
          if (isRecord(e)) query(e.eligible, jsonPath(jsonPath(pe, i), 'eligible'));
        });
      }
    }
  } catch {
    // A getter that throws, a proxy: validation reports those; there is nothing more to warn about.
  }
  return warnings;
}
