import type { Condition } from '../types.js';
import { isRecord } from './is-record.js';

/**
 * The signal names a condition reads, in order of first appearance, without duplicates.
 *
 * Field keys are signal names; `$and`, `$or` and `$nor` are followed into their members.
 * `$not` and `$elemMatch` sit under a field and hold operators on that same signal, so the field
 * already names it. Never throws: junk yields the names found before it.
 *
 * @example conditionSignals({ $or: [{ 'utm.campaign': 'x' }, { 'pages.docs': { $not: { $lt: 2 } } }] })
 * // ['utm.campaign', 'pages.docs']
 */
export function conditionSignals(condition: Condition): string[] {
  const names: string[] = [];
  const walk = (c: unknown, depth: number): void => {
    if (!isRecord(c) || depth > 64) return;
    for (const k of Object.keys(c)) {
      const v = c[k];
      if (k === '$and' || k === '$or' || k === '$nor') {
        if (Array.isArray(v)) for (const member of v) walk(member, depth + 1);
      } else if (!k.startsWith('$') && !names.includes(k)) names.push(k);
    }
  };
  try {
    walk(condition, 0);
  } catch {
    // A getter or proxy threw: keep what was found.
  }
  return names;
}
