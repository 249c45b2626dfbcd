/**
 * The exposure records: one per visitor × slot × period, holding its first exposure (intention to treat) and its
 * trigger (the first exposure whose counterfactual is an experience), each as (pattern, time) with its number of
 * copies. Records of a visitor form a list through `next`, from the visitor table's `exposures` head.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- record, pattern and visitor indexes are in bounds by construction */
import { exposureBefore, exposurePattern, type ExposurePatterns } from './exposure-patterns.js';
import { growTypedArray } from './grow-typed-array.js';
import type { InputCounts } from './input-counts.js';
import { visitorIndex, type VisitorTable } from './visitor-table.js';

/** The records and what adding to them reads and counts. Columns are replaced when they grow. */
export interface ExposureRecords {
  patterns: ExposurePatterns;
  visitors: VisitorTable;
  input: InputCounts;
  /** Pattern ids of cached fast-path tails (the same object for every line with that tail), -1 when invalid. */
  tailPatterns: Map<Record<string, unknown>, number>;
  count: number;
  /** The visitor's next record, -1 at the end. */
  next: Int32Array;
  /** First exposure: pattern, time, copies. */
  pattern: Int32Array;
  ts: Float64Array;
  copies: Int32Array;
  /** Every exposure of the record, copies and later ones included. */
  total: Int32Array;
  /** Trigger: pattern (-1: none yet), time, copies. */
  triggerPattern: Int32Array;
  triggerTs: Float64Array;
  triggerCopies: Int32Array;
}

/** No records yet. */
export const exposureRecords = (patterns: ExposurePatterns, visitors: VisitorTable, input: InputCounts): ExposureRecords => ({
  patterns,
  visitors,
  input,
  tailPatterns: new Map(),
  count: 0,
  next: new Int32Array(1024),
  pattern: new Int32Array(1024),
  ts: new Float64Array(1024),
  copies: new Int32Array(1024),
  total: new Int32Array(1024),
  triggerPattern: new Int32Array(1024).fill(-1),
  triggerTs: new Float64Array(1024),
  triggerCopies: new Int32Array(1024),
});

/**
 * Adds an exposure event's decision fields for the visitor at `ts`; false when the fields are not valid. `cached`: `e`
 * is a fast-path tail shared by every line with that tail, so its pattern is looked up by identity.
 */
export function addExposure(x: ExposureRecords, e: Record<string, unknown>, visitorId: string, ts: number, cached = false): boolean {
  let p = cached ? x.tailPatterns.get(e) : undefined;
  if (p === undefined) {
    p = exposurePattern(x.patterns, e);
    if (cached && x.tailPatterns.size < 10_000) x.tailPatterns.set(e, p);
  }
  if (p < 0) return false;
  return addExposureRecord(x, p, visitorId, ts);
}

/**
 * Duplicates among the exposures of record r: the copies of its first exposure, and of its trigger when that is
 * another exposure. Every other exposure of the record after the first is a later one.
 */
function recordDuplicates(x: ExposureRecords, r: number): number {
  const separateTrigger = x.triggerPattern[r]! >= 0 && !(x.triggerPattern[r] === x.pattern[r] && x.triggerTs[r] === x.ts[r]);
  return x.copies[r]! - 1 + (separateTrigger ? x.triggerCopies[r]! - 1 : 0);
}

/**
 * Keeps, per visitor × slot × period, the first exposure and the trigger (the first whose counterfactual is an
 * experience), each with the number of its copies: copies of either are duplicates, every other exposure is a later
 * one. Both are the earliest by time and then by fields, and their copies are counted from their own first arrival,
 * so the counts do not depend on file order (an exposure replaced by an earlier one never becomes first again).
 */
function addExposureRecord(x: ExposureRecords, p: number, visitorId: string, ts: number): boolean {
  const pattern = x.patterns.list[p]!;
  const v = visitorIndex(x.visitors, visitorId);
  for (let r = x.visitors.exposures[v]!; r >= 0; r = x.next[r]!) {
    if (x.patterns.list[x.pattern[r]!]!.saltSlot !== pattern.saltSlot) continue;
    const [dupBefore, laterBefore] = [recordDuplicates(x, r), x.total[r]! - 1 - recordDuplicates(x, r)];
    x.total[r] = x.total[r]! + 1;
    const isFirst = x.pattern[r] === p && x.ts[r] === ts;
    const isTrigger = x.triggerPattern[r] === p && x.triggerTs[r] === ts;
    if (isFirst) x.copies[r] = x.copies[r]! + 1;
    if (isTrigger) x.triggerCopies[r] = x.triggerCopies[r]! + 1;
    if (!isFirst && !isTrigger) {
      if (exposureBefore(x.patterns, p, ts, x.pattern[r]!, x.ts[r]!)) {
        x.pattern[r] = p;
        x.ts[r] = ts;
        x.copies[r] = 1;
      }
      if (pattern.triggers && (x.triggerPattern[r] === -1 || exposureBefore(x.patterns, p, ts, x.triggerPattern[r]!, x.triggerTs[r]!))) {
        x.triggerPattern[r] = p;
        x.triggerTs[r] = ts;
        x.triggerCopies[r] = 1;
      }
    }
    const dupAfter = recordDuplicates(x, r);
    x.input.duplicates += dupAfter - dupBefore;
    x.input.laterExposures += x.total[r]! - 1 - dupAfter - laterBefore;
    return true;
  }
  const r = x.count++;
  if (r >= x.next.length) {
    x.next = growTypedArray(x.next, r);
    x.pattern = growTypedArray(x.pattern, r);
    x.ts = growTypedArray(x.ts, r);
    x.copies = growTypedArray(x.copies, r);
    x.total = growTypedArray(x.total, r);
    x.triggerPattern = growTypedArray(x.triggerPattern, r, -1);
    x.triggerTs = growTypedArray(x.triggerTs, r);
    x.triggerCopies = growTypedArray(x.triggerCopies, r);
  }
  x.next[r] = x.visitors.exposures[v]!;
  x.pattern[r] = p;
  x.ts[r] = ts;
  x.copies[r] = 1;
  x.total[r] = 1;
  x.triggerPattern[r] = pattern.triggers ? p : -1;
  x.triggerTs[r] = ts;
  x.triggerCopies[r] = 1;
  x.visitors.exposures[v] = r;
  return true;
}
