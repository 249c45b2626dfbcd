/**
 * The visitors of an aggregation, without their ids: a visitor is its 64-bit key (two independent 32-bit hashes of
 * the id) in an open-addressing table pointing to a dense index. Two of a million visitors share a key with
 * probability ~3e-8. Per visitor, typed arrays hold the cross-fitting fold and the heads of its exposure, conversion
 * and trust record lists, and its declared answer.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- indexes are in bounds by construction (masked, or below `count`) */
import { hash } from 'node:crypto';
import { growTypedArray } from './grow-typed-array.js';

/** The visitor table. Columns are replaced when they grow: read them from the table, never keep one. */
export interface VisitorTable {
  /** Visitors so far; dense indexes are 0 … count − 1. */
  count: number;
  mask: number;
  h1: Int32Array;
  h2: Int32Array;
  /** Dense index per table slot, -1 when empty. */
  index: Int32Array;
  /** Cross-fitting fold per visitor (see {@link crossFitFold}). */
  fold: Uint8Array;
  /** Head of the visitor's exposure record list, -1 when none. */
  exposures: Int32Array;
  /** Head of the visitor's conversion record list, -1 when none. */
  conversions: Int32Array;
  /** Head of the visitor's trust record list, -1 when none. */
  trust: Int32Array;
  /** Interned declared answer (`key=answer`), -1 when none. */
  answer: Int32Array;
  /** Time of the declared answer. */
  answerTs: Float64Array;
}

/** 32-bit FNV-1a of a string: half of a visitor's 64-bit key. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** An independent 32-bit string hash (multiply-xorshift): the other half of a visitor's 64-bit key. */
function mix32(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A visitor's cross-fitting fold: the lowest bit of the MD5 of the id (UTF-8), i.e. whether the last hex digit is odd.
 * MD5 because every SQL engine has it (DuckDB, PostgreSQL, BigQuery, Snowflake), so a warehouse splits the same way.
 */
export function crossFitFold(visitorId: string): 0 | 1 {
  return (hash('md5', visitorId, 'buffer')[15]! & 1) as 0 | 1;
}

/** An empty visitor table. */
export function createVisitorTable(): VisitorTable {
  const mask = (1 << 12) - 1;
  return {
    count: 0,
    mask,
    h1: new Int32Array(mask + 1),
    h2: new Int32Array(mask + 1),
    index: new Int32Array(mask + 1).fill(-1),
    fold: new Uint8Array(1024),
    exposures: new Int32Array(1024).fill(-1),
    conversions: new Int32Array(1024).fill(-1),
    trust: new Int32Array(1024).fill(-1),
    answer: new Int32Array(1024).fill(-1),
    answerTs: new Float64Array(1024),
  };
}

/** Doubles the open-addressing table and re-inserts every key. */
function rehash(t: VisitorTable): void {
  const [o1, o2, ov] = [t.h1, t.h2, t.index];
  const mask = t.mask * 2 + 1;
  const h1 = new Int32Array(mask + 1);
  const h2 = new Int32Array(mask + 1);
  const index = new Int32Array(mask + 1).fill(-1);
  for (let j = 0; j < ov.length; j++) {
    if (ov[j] === -1) continue;
    let i = o2[j]! & mask;
    while (index[i] !== -1) i = (i + 1) & mask;
    h1[i] = o1[j]!;
    h2[i] = o2[j]!;
    index[i] = ov[j]!;
  }
  t.mask = mask;
  t.h1 = h1;
  t.h2 = h2;
  t.index = index;
}

/** The dense index of the visitor `id`, added (with empty lists) when new. */
export function visitorIndex(t: VisitorTable, id: string): number {
  const h1 = fnv1a(id);
  const h2 = mix32(id);
  let i = h2 & t.mask;
  for (;;) {
    const v = t.index[i]!;
    if (v === -1) break;
    if (t.h1[i] === h1 && t.h2[i] === h2) return v;
    i = (i + 1) & t.mask;
  }
  if ((t.count + 1) * 2 > t.mask + 1) {
    rehash(t);
    i = h2 & t.mask;
    while (t.index[i] !== -1) i = (i + 1) & t.mask;
  }
  const v = t.count++;
  t.h1[i] = h1;
  t.h2[i] = h2;
  t.index[i] = v;
  if (v >= t.exposures.length) {
    t.exposures = growTypedArray(t.exposures, v, -1);
    t.conversions = growTypedArray(t.conversions, v, -1);
    t.trust = growTypedArray(t.trust, v, -1);
    t.answer = growTypedArray(t.answer, v, -1);
    t.answerTs = growTypedArray(t.answerTs, v);
    t.fold = growTypedArray(t.fold, v);
  }
  t.fold[v] = crossFitFold(id);
  return v;
}
