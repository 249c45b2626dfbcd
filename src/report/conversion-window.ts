/**
 * A visitor's conversions within a window, per goal: whether it converted and the summed value, with the list of
 * goals set, so adding a visitor to a cell costs the goals it converted on, not all of them.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- goal and record indexes are in bounds by construction */
import type { ConversionRecords } from './conversion-records.js';

/** One visitor's windowed conversions, reused from visitor to visitor. */
export interface GoalHits {
  /** Per kept goal: 1 when converted within the window. */
  flags: Uint8Array;
  /** Per kept goal: the summed value within the window. */
  values: Float64Array;
  /** The goals whose flag is set. */
  hit: number[];
}

/** Room for `goals` kept goals, none hit. */
export const goalHits = (goals: number): GoalHits => ({ flags: new Uint8Array(goals), values: new Float64Array(goals), hit: [] });

/**
 * Sets `into` to the conversions of visitor `v` within [start, start + windowMs]; `goalMap` maps interned goals to
 * kept goals (-1: left out by the goal cap).
 */
export function windowedConversions(
  into: GoalHits,
  conversions: ConversionRecords,
  goalMap: Int32Array,
  v: number,
  start: number,
  windowMs: number,
): void {
  const { flags, values, hit } = into;
  for (const g of hit) {
    flags[g] = 0;
    values[g] = 0;
  }
  hit.length = 0;
  for (let c = conversions.visitors.conversions[v]!; c >= 0; c = conversions.next[c]!) {
    const t = conversions.ts[c]!;
    if (t < start || t > start + windowMs) continue;
    const g = goalMap[conversions.goal[c]!]!;
    if (g < 0) continue;
    if (flags[g] === 0) hit.push(g);
    flags[g] = 1;
    values[g] = values[g]! + conversions.value[c]!;
  }
}

/** Adds the hit goals to a cell's conversion counts, and their values to its sums when it has them. */
export function addSums(cell: { conv: number[]; sum?: number[]; sumSq?: number[] }, hits: GoalHits): void {
  for (const g of hits.hit) {
    cell.conv[g]!++;
    if (cell.sum && cell.sumSq) {
      const value = hits.values[g]!;
      cell.sum[g] = cell.sum[g]! + value;
      cell.sumSq[g] = cell.sumSq[g]! + value * value;
    }
  }
}
