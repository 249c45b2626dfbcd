/**
 * One streaming pass over Candor events (NDJSON, optionally gzip) into the sufficient statistics of
 * {@link Aggregate}. Statistics never look at events; they read the aggregate.
 *
 * Memory is bounded by distinct visitors × slots (plus a capped number of conversions per visitor × goal),
 * never by the number of events, so a file of any length fits:
 * - visitor ids are not kept: each visitor is a 64-bit hash of its id in an open-addressing table pointing to a
 *   dense index (collisions among a million visitors: probability ~3e-8); everything else sits in typed arrays;
 * - an exposure is stored as (pattern, time) per visitor × slot × period, where a pattern (slot, arm, shown
 *   experience, counterfactual, propensity, audiences, eligibility) is interned and shared by many visitors;
 * - conversions are stored per visitor × goal (time, value), at most `maxConversionsPerGoal` of them (the
 *   earliest); the conversion window can only be applied at the end, since conversions may precede the
 *   visitor's exposure in the file;
 * - trust events are stored per visitor as (kind, slot) flags.
 *
 * De-duplication without a set of event ids (which would grow with events): delivery is at-least-once, so a
 * re-sent event is an exact copy. An exposure for a visitor × slot × period that is already stored with the
 * same pattern and time is a duplicate; any other one is a later decision and intention-to-treat keeps the
 * earliest. A conversion equal to a stored one (same visitor, goal, time and value) is a duplicate. Trust
 * events are visitor-level flags, so copies cannot count twice.
 *
 * Nothing depends on the order of the lines: ties at the same millisecond are broken by the events' fields, and
 * counts move between "duplicates" and "later"/"capped" when an earlier event replaces a kept one. That is what lets
 * a SQL engine produce the same aggregate (`report/sql/aggregation-query.ts`); `test/node/report/engines.test.ts`
 * checks that it does.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion --
   The hot loops index typed arrays and dense arrays that are in bounds by construction (ids come from the same
   interners and counters); `!` says so without a per-access branch. */
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { BASELINE, type Arm } from '../core/types.js';
import type {
  Aggregate,
  AnswerCell,
  ArmCell,
  DayCell,
  OpeCell,
  PeriodAggregate,
  SlotAggregate,
  TrustCell,
  VisitorCell,
} from './aggregate-types.js';
import { canonicalOrder } from './canonical-order.js';

/** Options of the aggregation. */
export interface AggregateOptions {
  /** Conversions count when they happen within this many days after the visitor's first exposure in the period. Default 7. */
  windowDays?: number;
  /** At most this many conversions are kept per visitor × goal (the earliest). Default 16. */
  maxConversionsPerGoal?: number;
  /** Called every `progressEvery` lines with the number of lines read. */
  onProgress?: (lines: number) => void;
  /** Default 1,000,000. */
  progressEvery?: number;
}

/** An aggregation in progress: feed it lines or parsed events, then `finish()`. */
export interface Aggregator {
  /** Adds one NDJSON line (blank lines are skipped; lines that are not events are counted as invalid). */
  addLine(line: string): void;
  /** Adds one parsed event (anything that is not a Candor event is counted as invalid). */
  addEvent(event: unknown): void;
  /** The aggregate of everything added so far. */
  finish(): Aggregate;
}

const ARMS: readonly Arm[] = ['holdout', 'control', 'explore', 'targeted'];
const ARM_INDEX = new Map<unknown, number>(ARMS.map((a, i) => [a, i]));
const TRUST_KINDS = ['explanation_opened', 'show_standard', 'personalize_again', 'forget', 'ask_dismissed'] as const;
const TRUST_INDEX = new Map<unknown, number>(TRUST_KINDS.map((k, i) => [k, i]));
const DAY_MS = 86_400_000;
/** The head of an exposure or conversion line as the SDK writes it (no escapes, integer time). */
// eslint-disable-next-line no-control-regex -- raw control characters are not JSON: such lines must take the JSON.parse path and be rejected there
const FAST_HEAD = /^\{"v":1,"type":"(exposure|conversion)","id":"[^"\\\u0000-\u001f]*","visitorId":"([^"\\\u0000-\u001f]+)","ts":(\d{1,15}),(?:"decisionId":"[^"\\\u0000-\u001f]*",)?(?=")/;
const SEP = '\u0001';

interface Interner {
  ids: Map<string, number>;
  list: string[];
}
const interner = (): Interner => ({ ids: new Map(), list: [] });
function intern(t: Interner, s: string): number {
  let id = t.ids.get(s);
  if (id === undefined) {
    id = t.list.length;
    t.ids.set(s, id);
    t.list.push(s);
  }
  return id;
}

type Typed = Int32Array | Float64Array | Uint8Array;
function grow<T extends Typed>(a: T, need: number, fill = 0): T {
  if (need < a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need + 1, Math.ceil(a.length * 1.5)));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
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

interface Pattern {
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

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function emptyCell(goals: number): VisitorCell {
  return { n: 0, conv: new Array<number>(goals).fill(0), sum: new Array<number>(goals).fill(0), sumSq: new Array<number>(goals).fill(0) };
}

/**
 * Starts an aggregation. Use it when events come from somewhere else than a file (a queue, a test);
 * {@link aggregateEvents} wraps it for files.
 * @example const a = createAggregator({ windowDays: 7 }); a.addLine(line); const aggregate = a.finish();
 */
export function createAggregator(options: AggregateOptions = {}): Aggregator {
  const windowMs = (options.windowDays ?? 7) * DAY_MS;
  const cap = Math.max(1, options.maxConversionsPerGoal ?? 16);
  const progressEvery = options.progressEvery ?? 1_000_000;
  const onProgress = options.onProgress;

  const input = {
    lines: 0,
    events: { exposure: 0, conversion: 0, trust: 0 },
    invalid: 0,
    duplicates: 0,
    laterExposures: 0,
    redecided: 0,
    conversionsCapped: 0,
    visitorsWithoutExposure: 0,
    configVersions: {} as Record<string, number>,
  };

  const strings = { salt: interner(), slot: interner(), saltSlot: interner(), cv: interner(), set: interner(), goal: interner(), answer: interner() };
  const patternIds = new Map<string, number>();
  const patterns: Pattern[] = [];

  // Visitor ids are not kept: a visitor is its 64-bit key (two independent 32-bit hashes of the id) in an
  // open-addressing table. Two of a million visitors share a key with probability ~3e-8.
  let nV = 0;
  let tabMask = (1 << 12) - 1;
  let tabH1 = new Int32Array(tabMask + 1);
  let tabH2 = new Int32Array(tabMask + 1);
  let tabV = new Int32Array(tabMask + 1).fill(-1);
  let vFold = new Uint8Array(1024);
  let vExp = new Int32Array(1024).fill(-1);
  let vConv = new Int32Array(1024).fill(-1);
  let vTrust = new Int32Array(1024).fill(-1);
  let vAnswer = new Int32Array(1024).fill(-1);
  let vAnswerTs = new Float64Array(1024);

  // One record per visitor × slot × period: its first exposure (intention to treat) and its trigger, the first exposure
  // whose counterfactual is an experience (-1: none yet).
  let nEx = 0;
  let exNext = new Int32Array(1024);
  let exPattern = new Int32Array(1024);
  let exTs = new Float64Array(1024);
  let exCopies = new Int32Array(1024);
  let exCount = new Int32Array(1024);
  let trPattern = new Int32Array(1024).fill(-1);
  let trTs = new Float64Array(1024);
  let trCopies = new Int32Array(1024);

  let nCv = 0;
  let cvNext = new Int32Array(1024);
  let cvGoal = new Int32Array(1024);
  let cvTs = new Float64Array(1024);
  let cvValue = new Float64Array(1024);
  let cvCopies = new Int32Array(1024);

  let nTr = 0;
  let trNext = new Int32Array(256);
  let trKind = new Uint8Array(256);
  let trSlot = new Int32Array(256);

  function rehash(): void {
    const [o1, o2, ov] = [tabH1, tabH2, tabV];
    tabMask = tabMask * 2 + 1;
    tabH1 = new Int32Array(tabMask + 1);
    tabH2 = new Int32Array(tabMask + 1);
    tabV = new Int32Array(tabMask + 1).fill(-1);
    for (let j = 0; j < ov.length; j++) {
      if (ov[j] === -1) continue;
      let i = o2[j]! & tabMask;
      while (tabV[i] !== -1) i = (i + 1) & tabMask;
      tabH1[i] = o1[j]!;
      tabH2[i] = o2[j]!;
      tabV[i] = ov[j]!;
    }
  }

  function visitorIndex(id: string): number {
    const h1 = fnv1a(id);
    const h2 = mix32(id);
    let i = h2 & tabMask;
    for (;;) {
      const v = tabV[i]!;
      if (v === -1) break;
      if (tabH1[i] === h1 && tabH2[i] === h2) return v;
      i = (i + 1) & tabMask;
    }
    if ((nV + 1) * 2 > tabMask + 1) {
      rehash();
      i = h2 & tabMask;
      while (tabV[i] !== -1) i = (i + 1) & tabMask;
    }
    const v = nV++;
    tabH1[i] = h1;
    tabH2[i] = h2;
    tabV[i] = v;
    if (v >= vExp.length) {
      vExp = grow(vExp, v, -1);
      vConv = grow(vConv, v, -1);
      vTrust = grow(vTrust, v, -1);
      vAnswer = grow(vAnswer, v, -1);
      vAnswerTs = grow(vAnswerTs, v);
      vFold = grow(vFold, v);
    }
    vFold[v] = crossFitFold(id);
    return v;
  }

  const setKey = (list: string[]): number => intern(strings.set, list.length > 1 ? [...list].sort().join(SEP) : (list[0] ?? ''));

  /** Pattern ids of cached fast-path tails (the same object for every line with that tail), -1 when invalid. */
  const tailPatterns = new Map<Record<string, unknown>, number>();

  function addExposure(e: Record<string, unknown>, visitorId: string, ts: number, cached = false): boolean {
    let p = cached ? tailPatterns.get(e) : undefined;
    if (p === undefined) {
      p = exposurePattern(e);
      if (cached && tailPatterns.size < 10_000) tailPatterns.set(e, p);
    }
    if (p < 0) return false;
    return addExposureRecord(p, visitorId, ts);
  }

  /** The interned pattern of an exposure's decision fields, or -1 when they are not valid. */
  function exposurePattern(e: Record<string, unknown>): number {
    const { slot, salt, configVersion, arm, experience, counterfactual, propensity, audiences, eligible } = e;
    const armIndex = ARM_INDEX.get(arm);
    if (!isStr(slot) || !isStr(salt) || !isStr(configVersion) || armIndex === undefined || !isStr(experience) || !isStr(counterfactual)) return -1;
    if (!finite(propensity) || propensity <= 0 || propensity > 1 || !isStrArray(audiences) || !isStrArray(eligible)) return -1;
    const aud = setKey(audiences);
    const elig = setKey(eligible);
    const key = salt + SEP + slot + SEP + configVersion + SEP + String(armIndex) + SEP + experience + SEP + counterfactual + SEP + String(propensity) + SEP + String(aud) + SEP + String(elig);
    let p = patternIds.get(key);
    if (p === undefined) {
      p = patterns.length;
      patternIds.set(key, p);
      patterns.push({
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
  function exposureBefore(p: number, ts: number, q: number, tq: number): boolean {
    if (ts !== tq) return ts < tq;
    const a = patterns[p]!;
    const b = patterns[q]!;
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

  /**
   * Duplicates among the exposures of record r: the copies of its first exposure, and of its trigger when that is
   * another exposure. Every other exposure of the record after the first is a later one.
   */
  function recordDuplicates(r: number): number {
    const separateTrigger = trPattern[r]! >= 0 && !(trPattern[r] === exPattern[r] && trTs[r] === exTs[r]);
    return exCopies[r]! - 1 + (separateTrigger ? trCopies[r]! - 1 : 0);
  }

  /**
   * Keeps, per visitor × slot × period, the first exposure and the trigger (the first whose counterfactual is an
   * experience), each with the number of its copies: copies of either are duplicates, every other exposure is a later
   * one. Both are the earliest by time and then by fields, and their copies are counted from their own first arrival,
   * so the counts do not depend on file order (an exposure replaced by an earlier one never becomes first again).
   */
  function addExposureRecord(p: number, visitorId: string, ts: number): boolean {
    const pattern = patterns[p]!;
    const v = visitorIndex(visitorId);
    for (let r = vExp[v]!; r >= 0; r = exNext[r]!) {
      if ((patterns[exPattern[r]!]!).saltSlot !== pattern.saltSlot) continue;
      const [dupBefore, laterBefore] = [recordDuplicates(r), exCount[r]! - 1 - recordDuplicates(r)];
      exCount[r] = exCount[r]! + 1;
      const isFirst = exPattern[r] === p && exTs[r] === ts;
      const isTrigger = trPattern[r] === p && trTs[r] === ts;
      if (isFirst) exCopies[r] = exCopies[r]! + 1;
      if (isTrigger) trCopies[r] = trCopies[r]! + 1;
      if (!isFirst && !isTrigger) {
        if (exposureBefore(p, ts, exPattern[r]!, exTs[r]!)) {
          exPattern[r] = p;
          exTs[r] = ts;
          exCopies[r] = 1;
        }
        if (pattern.triggers && (trPattern[r] === -1 || exposureBefore(p, ts, trPattern[r]!, trTs[r]!))) {
          trPattern[r] = p;
          trTs[r] = ts;
          trCopies[r] = 1;
        }
      }
      const dupAfter = recordDuplicates(r);
      input.duplicates += dupAfter - dupBefore;
      input.laterExposures += exCount[r]! - 1 - dupAfter - laterBefore;
      return true;
    }
    const r = nEx++;
    if (r >= exNext.length) {
      exNext = grow(exNext, r);
      exPattern = grow(exPattern, r);
      exTs = grow(exTs, r);
      exCopies = grow(exCopies, r);
      exCount = grow(exCount, r);
      trPattern = grow(trPattern, r, -1);
      trTs = grow(trTs, r);
      trCopies = grow(trCopies, r);
    }
    exNext[r] = vExp[v]!;
    exPattern[r] = p;
    exTs[r] = ts;
    exCopies[r] = 1;
    exCount[r] = 1;
    trPattern[r] = pattern.triggers ? p : -1;
    trTs[r] = ts;
    trCopies[r] = 1;
    vExp[v] = r;
    return true;
  }

  /**
   * Keeps the earliest `cap` distinct conversions per visitor × goal (by time, then value) with the number of their
   * copies. Copies of a kept conversion are duplicates; every other conversion (and its copies) is capped. A conversion
   * pushed out by an earlier one moves, with its copies, from duplicates to capped, so the counts do not depend on
   * file order (a pushed-out or refused conversion can never come back: the latest kept one only gets earlier).
   */
  function addConversion(e: Record<string, unknown>, visitorId: string, ts: number): boolean {
    const { goal, value } = e;
    if (!isStr(goal) || (value !== undefined && !finite(value))) return false;
    const g = intern(strings.goal, goal);
    const val = value ?? 1;
    const v = visitorIndex(visitorId);
    let count = 0;
    let latest = -1;
    for (let r = vConv[v]!; r >= 0; r = cvNext[r]!) {
      if (cvGoal[r] !== g) continue;
      if (cvTs[r] === ts && cvValue[r] === val) {
        input.duplicates++;
        cvCopies[r] = cvCopies[r]! + 1;
        return true;
      }
      count++;
      if (latest < 0 || cvTs[r]! > cvTs[latest]! || (cvTs[r] === cvTs[latest] && cvValue[r]! > cvValue[latest]!)) latest = r;
    }
    if (count >= cap) {
      if (ts < cvTs[latest]! || (ts === cvTs[latest] && val < cvValue[latest]!)) {
        input.duplicates -= cvCopies[latest]! - 1;
        input.conversionsCapped += cvCopies[latest]!;
        cvTs[latest] = ts;
        cvValue[latest] = val;
        cvCopies[latest] = 1;
      } else input.conversionsCapped++;
      return true;
    }
    const r = nCv++;
    if (r >= cvNext.length) {
      cvNext = grow(cvNext, r);
      cvGoal = grow(cvGoal, r);
      cvTs = grow(cvTs, r);
      cvValue = grow(cvValue, r);
      cvCopies = grow(cvCopies, r);
    }
    cvNext[r] = vConv[v]!;
    cvGoal[r] = g;
    cvTs[r] = ts;
    cvValue[r] = val;
    cvCopies[r] = 1;
    vConv[v] = r;
    return true;
  }

  /** A visitor's declared answer is their earliest `ask_answered` (at the same millisecond, the smallest `key=answer`). */
  function addTrust(e: Record<string, unknown>, visitorId: string, ts: number): boolean {
    const { kind, slot, key, answer } = e;
    if (slot !== undefined && !isStr(slot)) return false;
    // A prompt forced by ?candor-ask is not part of the random sample Q4 relies on: its answer or dismissal is read
    // (a valid event of a known visitor) but left out.
    const forced = e.forced === true;
    if (kind === 'ask_answered') {
      if (!isStr(key) || !isStr(answer)) return false;
      const v = visitorIndex(visitorId);
      if (forced) return true;
      const declared = key + '=' + answer;
      const held = vAnswer[v]!;
      if (held === -1 || ts < vAnswerTs[v]! || (ts === vAnswerTs[v] && declared < strings.answer.list[held]!)) {
        vAnswer[v] = intern(strings.answer, declared);
        vAnswerTs[v] = ts;
      }
      return true;
    }
    const k = TRUST_INDEX.get(kind);
    if (k === undefined) return false;
    const v = visitorIndex(visitorId);
    if (forced && kind === 'ask_dismissed') return true;
    const s = slot === undefined ? -1 : intern(strings.slot, slot);
    for (let r = vTrust[v]!; r >= 0; r = trNext[r]!) if (trKind[r] === k && trSlot[r] === s) return true;
    const r = nTr++;
    if (r >= trNext.length) {
      trNext = grow(trNext, r);
      trKind = grow(trKind, r);
      trSlot = grow(trSlot, r);
    }
    trNext[r] = vTrust[v]!;
    trKind[r] = k;
    trSlot[r] = s;
    vTrust[v] = r;
    return true;
  }

  function addEvent(event: unknown): void {
    if (typeof event !== 'object' || event === null) {
      input.invalid++;
      return;
    }
    const e = event as Record<string, unknown>;
    const { type, visitorId, ts } = e;
    let ok = false;
    if (isStr(visitorId) && visitorId !== '' && finite(ts)) {
      if (type === 'exposure') ok = addExposure(e, visitorId, ts) && ++input.events.exposure > 0;
      else if (type === 'conversion') ok = addConversion(e, visitorId, ts) && ++input.events.conversion > 0;
      else if (type === 'trust') ok = addTrust(e, visitorId, ts) && ++input.events.trust > 0;
    }
    if (!ok) input.invalid++;
  }

  // Fast path for lines in the SDK's own field order: only the varying head (ids, time) is read with a regular
  // expression; the tail (slot, arms, audiences… or goal) repeats across visitors and is parsed once per distinct
  // tail. Anything else goes through JSON.parse.
  const tails = new Map<string, Record<string, unknown> | null>();
  const parseTail = (tail: string): Record<string, unknown> | null => {
    let parsed = tails.get(tail);
    if (parsed !== undefined) return parsed;
    try {
      const o: unknown = JSON.parse('{' + tail);
      parsed = typeof o === 'object' && o !== null && !Array.isArray(o) && !['v', 'type', 'id', 'visitorId', 'ts'].some((k) => k in o) ? (o as Record<string, unknown>) : null;
    } catch {
      parsed = null;
    }
    if (tails.size < 10_000) tails.set(tail, parsed);
    return parsed;
  };

  function addLine(line: string): void {
    if (line.length === 0 || (line.length < 3 && line.trim() === '')) return;
    input.lines++;
    if (onProgress && input.lines % progressEvery === 0) onProgress(input.lines);
    const head = FAST_HEAD.exec(line);
    if (head) {
      const tail = parseTail(line.slice(head[0].length));
      if (tail) {
        const visitorId = head[2]!;
        const ts = Number(head[3]);
        if (head[1] === 'exposure' ? addExposure(tail, visitorId, ts, true) : addConversion(tail, visitorId, ts)) input.events[head[1] === 'exposure' ? 'exposure' : 'conversion']++;
        else input.invalid++;
        return;
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (line.trim() !== '') input.invalid++;
      else input.lines--;
      return;
    }
    addEvent(parsed);
  }

  function finish(): Aggregate {
    const G = strings.goal.list.length;
    const setList = (id: number): string[] => {
      const s = strings.set.list[id] ?? '';
      return s === '' ? [] : s.split(SEP);
    };

    interface SlotAcc {
      slot: string;
      exposures: Record<Arm, number>;
      configVersions: Record<string, number>;
      cells: Map<string, ArmCell>;
      decisions: Map<string, ArmCell>;
      ope: Map<string, OpeCell>;
      trust: Map<string, TrustCell>;
    }
    interface PeriodAcc {
      salt: string;
      firstTs: number;
      lastTs: number;
      visitors: number;
      groups: { holdout: VisitorCell; rest: VisitorCell };
      days: Map<number, DayCell>;
      slots: Map<number, SlotAcc>;
      answers: Map<string, AnswerCell>;
    }
    const periods = new Map<number, PeriodAcc>();
    // Per goal: converted within the window (flag) and the summed value, from the visitor's first exposure in the
    // period, and (trigger…) from a decision made again.
    const flags = new Uint8Array(G);
    const values = new Float64Array(G);
    const triggerFlags = new Uint8Array(G);
    const triggerValues = new Float64Array(G);
    const recs: number[] = [];

    const addSums = (cell: { conv: number[]; sum?: number[]; sumSq?: number[] }, f = flags, x = values): void => {
      for (let g = 0; g < G; g++) {
        if (f[g] === 0) continue;
        (cell.conv[g]!)++;
        if (cell.sum && cell.sumSq) {
          const value = x[g]!;
          cell.sum[g] = (cell.sum[g]!) + value;
          cell.sumSq[g] = (cell.sumSq[g]!) + value * value;
        }
      }
    };
    /** The conversions of visitor `v` within the window that starts at `start`, into `f` and `x`. */
    const windowed = (v: number, start: number, f: Uint8Array, x: Float64Array): void => {
      f.fill(0);
      x.fill(0);
      for (let c = vConv[v]!; c >= 0; c = cvNext[c]!) {
        const t = cvTs[c]!;
        if (t < start || t > start + windowMs) continue;
        const g = cvGoal[c]!;
        f[g] = 1;
        x[g] = (x[g]!) + (cvValue[c]!);
      }
    };

    for (let v = 0; v < nV; v++) {
      const head = vExp[v]!;
      if (head < 0) {
        input.visitorsWithoutExposure++;
        continue;
      }
      recs.length = 0;
      for (let r = head; r >= 0; r = exNext[r]!) recs.push(r);
      const fold: 0 | 1 = vFold[v] === 1 ? 1 : 0;
      const answerId = vAnswer[v]!;
      const answer = answerId >= 0 ? (strings.answer.list[answerId]!) : null;
      // Each period (salt) of this visitor is analysed on its own.
      const salts = new Set<number>(recs.map((r) => (patterns[exPattern[r]!]!).salt));
      for (const saltId of salts) {
        let first = Infinity;
        let holdout = false;
        let firstRec = -1;
        for (const r of recs) {
          const pat = patterns[exPattern[r]!]!;
          if (pat.salt !== saltId) continue;
          // The period starts at the earliest first exposure; at the same millisecond, the smallest slot name's.
          if (exTs[r]! < first || (exTs[r] === first && strings.slot.list[pat.slot]! < strings.slot.list[patterns[exPattern[firstRec]!]!.slot]!)) {
            first = exTs[r]!;
            firstRec = r;
          }
          if (pat.arm === 0) holdout = true;
        }
        windowed(v, first, flags, values);
        let period = periods.get(saltId);
        if (!period) {
          period = {
            salt: strings.salt.list[saltId]!,
            firstTs: first,
            lastTs: first,
            visitors: 0,
            groups: { holdout: emptyCell(G), rest: emptyCell(G) },
            days: new Map(),
            slots: new Map(),
            answers: new Map(),
          };
          periods.set(saltId, period);
        }
        period.visitors++;
        const group = holdout ? period.groups.holdout : period.groups.rest;
        group.n++;
        addSums(group);
        const dayNum = Math.floor(first / DAY_MS);
        let day = period.days.get(dayNum);
        if (!day) {
          day = { day: new Date(dayNum * DAY_MS).toISOString().slice(0, 10), holdout: emptyCell(G), rest: emptyCell(G) };
          period.days.set(dayNum, day);
        }
        const dayGroup = holdout ? day.holdout : day.rest;
        dayGroup.n++;
        addSums(dayGroup);
        if (answer !== null && firstRec >= 0) {
          const pat = patterns[exPattern[firstRec]!]!;
          const key = answer + SEP + String(pat.audiences);
          let cell = period.answers.get(key);
          if (!cell) {
            cell = { answer, audiences: setList(pat.audiences), n: 0, conv: new Array<number>(G).fill(0) };
            period.answers.set(key, cell);
          }
          cell.n++;
          addSums(cell);
        }
        for (const r of recs) {
          const p = exPattern[r]!;
          const pat = patterns[p]!;
          if (pat.salt !== saltId) continue;
          const t = exTs[r]!;
          if (t > period.lastTs) period.lastTs = t;
          if (t < period.firstTs) period.firstTs = t;
          let slot = period.slots.get(pat.slot);
          if (!slot) {
            slot = {
              slot: strings.slot.list[pat.slot]!,
              exposures: { holdout: 0, control: 0, explore: 0, targeted: 0 },
              configVersions: {},
              cells: new Map(),
              decisions: new Map(),
              ope: new Map(),
              trust: new Map(),
            };
            period.slots.set(pat.slot, slot);
          }
          const arm = ARMS[pat.arm]!;
          slot.exposures[arm]++;
          const cv = strings.cv.list[pat.configVersion]!;
          slot.configVersions[cv] = (slot.configVersions[cv] ?? 0) + 1;
          input.configVersions[cv] = (input.configVersions[cv] ?? 0) + 1;
          let cell = slot.cells.get(pat.cellKey);
          if (!cell) {
            cell = { arm, experience: pat.experience, counterfactual: pat.counterfactual, ...emptyCell(G) };
            slot.cells.set(pat.cellKey, cell);
          }
          cell.n++;
          addSums(cell);
          // The decision record: the first exposure whose counterfactual is an experience, else the first exposure.
          // A later one (the visitor came to match) counts conversions in the window after it.
          const dp = trPattern[r]! >= 0 ? trPattern[r]! : p;
          // (Without a trigger, trTs holds no time: the record is not redecided even if an earlier exposure replaced the first.)
          const redecided = trPattern[r]! >= 0 && (dp !== p || trTs[r] !== t);
          let f = flags;
          let x = values;
          if (redecided) {
            input.redecided++;
            windowed(v, trTs[r]!, triggerFlags, triggerValues);
            f = triggerFlags;
            x = triggerValues;
          }
          const dpat = patterns[dp]!;
          const darm = ARMS[dpat.arm]!;
          let decision = slot.decisions.get(dpat.cellKey);
          if (!decision) {
            decision = { arm: darm, experience: dpat.experience, counterfactual: dpat.counterfactual, ...emptyCell(G) };
            slot.decisions.set(dpat.cellKey, decision);
          }
          decision.n++;
          addSums(decision, f, x);
          const opeKey = String(dp) + SEP + String(fold) + SEP + String(answerId);
          let ope = slot.ope.get(opeKey);
          if (!ope) {
            ope = {
              fold,
              answer,
              audiences: setList(dpat.audiences),
              eligible: setList(dpat.eligible),
              arm: darm,
              action: dpat.experience,
              counterfactual: dpat.counterfactual,
              propensity: dpat.propensity,
              n: 0,
              conv: new Array<number>(G).fill(0),
            };
            slot.ope.set(opeKey, ope);
          }
          ope.n++;
          addSums(ope, f, x);
          let trust = slot.trust.get(pat.trustKey);
          if (!trust) {
            trust = { arm, experience: pat.experience, n: 0, explanationOpened: 0, showStandard: 0, personalizeAgain: 0, forget: 0 };
            slot.trust.set(pat.trustKey, trust);
          }
          trust.n++;
          let seen = 0;
          for (let q = vTrust[v]!; q >= 0; q = trNext[q]!) {
            const s = trSlot[q]!;
            const k = trKind[q]!;
            if ((s !== -1 && s !== pat.slot) || (seen & (1 << k)) !== 0) continue;
            seen |= 1 << k;
            if (k === 0) trust.explanationOpened++;
            else if (k === 1) trust.showStandard++;
            else if (k === 2) trust.personalizeAgain++;
            else if (k === 3) trust.forget++;
          }
        }
      }
    }

    const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const out: PeriodAggregate[] = [...periods.values()]
      .sort((a, b) => byString(a.salt, b.salt))
      .map((p) => ({
        salt: p.salt,
        firstTs: p.firstTs,
        lastTs: p.lastTs,
        visitors: p.visitors,
        groups: p.groups,
        days: [...p.days.values()].sort((a, b) => byString(a.day, b.day)),
        slots: [...p.slots.values()]
          .sort((a, b) => byString(a.slot, b.slot))
          .map(
            (s): SlotAggregate => ({
              slot: s.slot,
              exposures: s.exposures,
              configVersions: s.configVersions,
              cells: [...s.cells.values()],
              decisions: [...s.decisions.values()],
              ope: [...s.ope.values()],
              trust: [...s.trust.values()],
            }),
          ),
        answers: [...p.answers.values()],
      }));
    return canonicalOrder({ v: 1, windowDays: windowMs / DAY_MS, goals: [...strings.goal.list], input: { ...input, configVersions: { ...input.configVersions } }, periods: out });
  }

  return { addLine, addEvent, finish };
}

/** Where events come from: a file path (`.gz` or gzip bytes are un-gzipped), `-` for stdin, or a readable stream. */
export type EventSource = string | Readable;

async function isGzipFile(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await file.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await file.close();
  }
}

/**
 * Reads NDJSON events (plain or gzip) in one pass and returns their {@link Aggregate}. Several sources (the files of a
 * directory, say) are read one after the other into the same aggregate.
 * Rejects only when a source cannot be read (missing file, broken gzip).
 * @example const aggregate = await aggregateEvents('events.ndjson.gz', { windowDays: 7 });
 */
export async function aggregateEvents(source: EventSource | readonly EventSource[], options: AggregateOptions = {}): Promise<Aggregate> {
  const aggregator = createAggregator(options);
  const sources: readonly EventSource[] = typeof source === 'string' || !Array.isArray(source) ? [source as EventSource] : source;
  for (const one of sources) await readInto(aggregator, one);
  return aggregator.finish();
}

async function readInto(aggregator: Aggregator, source: EventSource): Promise<void> {
  let stream: Readable;
  if (typeof source === 'string' && source !== '-') {
    const gzip = source.endsWith('.gz') || (await isGzipFile(source)); // also rejects a missing file before any stream exists
    const raw = createReadStream(source, { highWaterMark: 1 << 20 });
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: 1 << 20 });
      raw.on('error', (err) => gunzip.destroy(err));
      stream = raw.pipe(gunzip);
    } else stream = raw;
  } else stream = source === '-' ? process.stdin : source;
  stream.setEncoding('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest === '' ? chunk : rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      aggregator.addLine(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = start === 0 ? text : text.slice(start);
  }
  if (rest !== '') aggregator.addLine(rest);
}
