/**
 * The conversion records: per visitor × goal, the earliest `cap` distinct conversions (time, value) with their number
 * of copies. Records of a visitor form a list through `next`, from the visitor table's `conversions` head. The
 * conversion window is applied at the end, since a conversion may come before the visitor's exposure in the file.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- record and visitor indexes are in bounds by construction */
import { finite, isStr } from './event-field-guards.js';
import { growTypedArray } from './grow-typed-array.js';
import type { InputCounts } from './input-counts.js';
import { intern, type AggregationStrings } from './interner.js';
import { visitorIndex, type VisitorTable } from './visitor-table.js';

/** The records and what adding to them reads and counts. Columns are replaced when they grow. */
export interface ConversionRecords {
  strings: AggregationStrings;
  visitors: VisitorTable;
  input: InputCounts;
  /** At most this many conversions per visitor × goal. */
  cap: number;
  count: number;
  /** The visitor's next record, -1 at the end. */
  next: Int32Array;
  /** Interned goal (before the goal cap). */
  goal: Int32Array;
  ts: Float64Array;
  value: Float64Array;
  copies: Int32Array;
}

/** No records yet. */
export const conversionRecords = (strings: AggregationStrings, visitors: VisitorTable, input: InputCounts, cap: number): ConversionRecords => ({
  strings,
  visitors,
  input,
  cap,
  count: 0,
  next: new Int32Array(1024),
  goal: new Int32Array(1024),
  ts: new Float64Array(1024),
  value: new Float64Array(1024),
  copies: new Int32Array(1024),
});

/**
 * Keeps the earliest `cap` distinct conversions per visitor × goal (by time, then value) with the number of their
 * copies. Copies of a kept conversion are duplicates; every other conversion (and its copies) is capped. A conversion
 * pushed out by an earlier one moves, with its copies, from duplicates to capped, so the counts do not depend on
 * file order (a pushed-out or refused conversion can never come back: the latest kept one only gets earlier).
 * False when the event's fields are not valid.
 */
export function addConversion(c: ConversionRecords, e: Record<string, unknown>, visitorId: string, ts: number): boolean {
  const { goal, value } = e;
  if (!isStr(goal) || (value !== undefined && !finite(value))) return false;
  const g = intern(c.strings.goal, goal);
  const val = value ?? 1;
  const v = visitorIndex(c.visitors, visitorId);
  let count = 0;
  let latest = -1;
  for (let r = c.visitors.conversions[v]!; r >= 0; r = c.next[r]!) {
    if (c.goal[r] !== g) continue;
    if (c.ts[r] === ts && c.value[r] === val) {
      c.input.duplicates++;
      c.copies[r] = c.copies[r]! + 1;
      return true;
    }
    count++;
    if (latest < 0 || c.ts[r]! > c.ts[latest]! || (c.ts[r] === c.ts[latest] && c.value[r]! > c.value[latest]!)) latest = r;
  }
  if (count >= c.cap) {
    if (ts < c.ts[latest]! || (ts === c.ts[latest] && val < c.value[latest]!)) {
      c.input.duplicates -= c.copies[latest]! - 1;
      c.input.conversionsCapped += c.copies[latest]!;
      c.ts[latest] = ts;
      c.value[latest] = val;
      c.copies[latest] = 1;
    } else c.input.conversionsCapped++;
    return true;
  }
  const r = c.count++;
  if (r >= c.next.length) {
    c.next = growTypedArray(c.next, r);
    c.goal = growTypedArray(c.goal, r);
    c.ts = growTypedArray(c.ts, r);
    c.value = growTypedArray(c.value, r);
    c.copies = growTypedArray(c.copies, r);
  }
  c.next[r] = c.visitors.conversions[v]!;
  c.goal[r] = g;
  c.ts[r] = ts;
  c.value[r] = val;
  c.copies[r] = 1;
  c.visitors.conversions[v] = r;
  return true;
}
