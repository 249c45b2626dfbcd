/**
 * Exposure patterns: the decision fields of an exposure (slot, period, arm, shown experience, counterfactual,
 * propensity, audiences, eligibility), interned once and shared by every visitor decided the same way, so a stored
 * exposure is just (pattern, time).
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- pattern ids and interned ids are in bounds by construction */
import { BASELINE, type Arm } from '../core/types.js';
import { compareStrings } from './canonical-order.js';
import { finite, isStr, isStrArray } from './event-field-guards.js';
import { intern, type AggregationStrings } from './interner.js';

/** The arms, in the order their indexes are stored. */
export const ARMS: readonly Arm[] = ['holdout', 'control', 'explore', 'targeted'];
const ARM_INDEX = new Map<unknown, number>(ARMS.map((a, i) => [a, i]));
/** Joins the parts of interned keys (never in a name the SDK writes). */
export const SEP = '\u0001';

/** One interned pattern. */
export interface Pattern {
  saltSlot: number;
  salt: number;
  slot: number;
  configVersion: number;
  arm: number;
  experience: string;
  counterfactual: string;
  /** The counterfactual is an experience: targeting had something to show. */
  triggers: boolean;
  propensity: number;
  audiences: number;
  eligible: number;
  cellKey: string;
  trustKey: string;
}

/** The patterns of an aggregation, with the strings they intern their names into. */
export interface ExposurePatterns {
  strings: AggregationStrings;
  ids: Map<string, number>;
  list: Pattern[];
}

/** No patterns yet. */
export const exposurePatterns = (strings: AggregationStrings): ExposurePatterns => ({ strings, ids: new Map(), list: [] });


const setKey = (strings: AggregationStrings, list: string[]): number =>
  intern(strings.set, list.length > 1 ? [...list].sort().join(SEP) : (list[0] ?? ''));

/** The ids of an interned set, back as a list (sorted). */
export function setList(strings: AggregationStrings, id: number): string[] {
  const s = strings.set.list[id] ?? '';
  return s === '' ? [] : s.split(SEP);
}

/** The interned pattern of an exposure's decision fields, or -1 when they are not valid. */
export function exposurePattern(patterns: ExposurePatterns, e: Record<string, unknown>): number {
  const { slot, salt, configVersion, arm, experience, counterfactual, propensity, audiences, eligible } = e;
  const armIndex = ARM_INDEX.get(arm);
  if (!isStr(slot) || !isStr(salt) || !isStr(configVersion) || armIndex === undefined || !isStr(experience) || !isStr(counterfactual)) return -1;
  if (!finite(propensity) || propensity <= 0 || propensity > 1 || !isStrArray(audiences) || !isStrArray(eligible)) return -1;
  const strings = patterns.strings;
  const aud = setKey(strings, audiences);
  const elig = setKey(strings, eligible);
  const key = salt + SEP + slot + SEP + configVersion + SEP + String(armIndex) + SEP + experience + SEP + counterfactual + SEP + String(propensity) + SEP + String(aud) + SEP + String(elig);
  let p = patterns.ids.get(key);
  if (p === undefined) {
    p = patterns.list.length;
    patterns.ids.set(key, p);
    patterns.list.push({
      saltSlot: intern(strings.saltSlot, salt + SEP + slot),
      salt: intern(strings.salt, salt),
      slot: intern(strings.slot, slot),
      configVersion: intern(strings.cv, configVersion),
      arm: armIndex,
      experience,
      counterfactual,
      triggers: counterfactual !== BASELINE,
      propensity,
      audiences: aud,
      eligible: elig,
      cellKey: String(armIndex) + SEP + experience + SEP + counterfactual,
      trustKey: String(armIndex) + SEP + experience,
    });
  }
  return p;
}

/**
 * Whether exposure (p, ts) comes before exposure (q, tq) of the same visitor × slot × period: earlier time first;
 * at the same millisecond the decision fields decide (arm, shown experience, counterfactual, config version,
 * propensity, audiences, eligibility; strings by code unit), so the first exposure never depends on file order.
 */
export function exposureBefore(patterns: ExposurePatterns, p: number, ts: number, q: number, tq: number): boolean {
  if (ts !== tq) return ts < tq;
  const a = patterns.list[p]!;
  const b = patterns.list[q]!;
  const strings = patterns.strings;
  const byArm = compareStrings(ARMS[a.arm]!, ARMS[b.arm]!);
  if (byArm !== 0) return byArm < 0;
  for (const [x, y] of [
    [a.experience, b.experience],
    [a.counterfactual, b.counterfactual],
    [strings.cv.list[a.configVersion]!, strings.cv.list[b.configVersion]!],
  ] as const) {
    if (x !== y) return x < y;
  }
  if (a.propensity !== b.propensity) return a.propensity < b.propensity;
  const [aa, ab] = [strings.set.list[a.audiences]!, strings.set.list[b.audiences]!];
  if (aa !== ab) return aa < ab;
  return strings.set.list[a.eligible]! < strings.set.list[b.eligible]!;
}
