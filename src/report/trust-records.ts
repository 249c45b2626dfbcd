/**
 * The trust records: per visitor, which trust actions (kind, slot) it took, as flags (so a re-sent copy cannot count
 * twice), and its declared answer. Records of a visitor form a list through `next`, from the visitor table's `trust`
 * head; the answer sits in the visitor table.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- record and visitor indexes are in bounds by construction */
import { isStr } from './event-field-guards.js';
import { growTypedArray } from './grow-typed-array.js';
import { intern, type AggregationStrings } from './interner.js';
import { visitorIndex, type VisitorTable } from './visitor-table.js';

/** Trust actions, in the order of their stored kind index (the first four are reported per cell). */
export const TRUST_KINDS = ['explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed'] as const;
const TRUST_INDEX = new Map<unknown, number>(TRUST_KINDS.map((k, i) => [k, i]));

/** The records. Columns are replaced when they grow. */
export interface TrustRecords {
  strings: AggregationStrings;
  visitors: VisitorTable;
  count: number;
  /** The visitor's next record, -1 at the end. */
  next: Int32Array;
  /** Index in {@link TRUST_KINDS}. */
  kind: Uint8Array;
  /** Interned slot, -1 for an action on the whole page. */
  slot: Int32Array;
}

/** No records yet. */
export const trustRecords = (strings: AggregationStrings, visitors: VisitorTable): TrustRecords => ({
  strings,
  visitors,
  count: 0,
  next: new Int32Array(256),
  kind: new Uint8Array(256),
  slot: new Int32Array(256),
});

/**
 * Adds a trust event; false when its fields are not valid. A visitor's declared answer is their earliest
 * `ask_answered` (at the same millisecond, the smallest `key=answer`).
 */
export function addTrust(t: TrustRecords, e: Record<string, unknown>, visitorId: string, ts: number): boolean {
  const { kind, slot, key, answer } = e;
  if (slot !== undefined && !isStr(slot)) return false;
  // A prompt forced by ?candor-ask is not part of the random sample Q4 relies on: its answer or dismissal is read
  // (a valid event of a known visitor) but left out.
  const forced = e.forced === true;
  const visitors = t.visitors;
  if (kind === 'ask_answered') {
    if (!isStr(key) || !isStr(answer)) return false;
    const v = visitorIndex(visitors, visitorId);
    if (forced) return true;
    const declared = key + '=' + answer;
    const held = visitors.answer[v]!;
    if (held === -1 || ts < visitors.answerTs[v]! || (ts === visitors.answerTs[v] && declared < t.strings.answer.list[held]!)) {
      visitors.answer[v] = intern(t.strings.answer, declared);
      visitors.answerTs[v] = ts;
    }
    return true;
  }
  const k = TRUST_INDEX.get(kind);
  if (k === undefined) return false;
  const v = visitorIndex(visitors, visitorId);
  if (forced && kind === 'ask_dismissed') return true;
  const s = slot === undefined ? -1 : intern(t.strings.slot, slot);
  for (let r = visitors.trust[v]!; r >= 0; r = t.next[r]!) if (t.kind[r] === k && t.slot[r] === s) return true;
  const r = t.count++;
  if (r >= t.next.length) {
    t.next = growTypedArray(t.next, r);
    t.kind = growTypedArray(t.kind, r);
    t.slot = growTypedArray(t.slot, r);
  }
  t.next[r] = visitors.trust[v]!;
  t.kind[r] = k;
  t.slot[r] = s;
  visitors.trust[v] = r;
  return true;
}
