/**
 * The end of an aggregation: the goal cap, then, visitor by visitor and period by period, the conversions within the
 * window after the visitor's first exposure added to its group, day, answer and slot cells, and the plain
 * {@link Aggregate} in canonical order. The cost per visitor is proportional to the goals that visitor converted on.
 */

/* eslint-disable @typescript-eslint/no-non-null-assertion -- record, pattern, visitor and interned ids are in bounds by construction */
import type { Aggregate } from './aggregate-types.js';
import type { AggregationState } from './aggregation-state.js';
import { canonicalOrder } from './canonical-order.js';
import { capGoals, type GoalCapOptions } from './cap-goals.js';
import { addSums, goalHits, windowedConversions, type GoalHits } from './conversion-window.js';
import { ARMS, SEP, setList, type Pattern } from './exposure-patterns.js';
import { emptyCell, emptyPeriod, emptySlot, periodAggregates, type PeriodAcc, type SlotAcc } from './period-accumulators.js';

const DAY_MS = 86_400_000;

/** What `finish` reads besides the state, and the cells it fills. */
interface Finish {
  state: AggregationState;
  /** Kept goals. */
  goals: number;
  /** Interned goal → kept goal index, -1 when left out. */
  goalMap: Int32Array;
  windowMs: number;
  periods: Map<number, PeriodAcc>;
  /** Conversions within the window after the visitor's first exposure in the period. */
  hits: GoalHits;
  /** Conversions within the window after a decision made again. */
  triggerHits: GoalHits;
  /** The current visitor's exposure records. */
  recs: number[];
}

/**
 * The goal cap: keeps the goals with the most stored conversions (ties by name), and the ones asked for; records
 * what it leaves out in `input.goalsOmitted`.
 */
function keptGoals(state: AggregationState, options: GoalCapOptions): { goals: string[]; goalMap: Int32Array } {
  const conversions = state.conversions;
  const allGoals = state.strings.goal.list;
  const stored = new Float64Array(allGoals.length);
  for (let r = 0; r < conversions.count; r++) stored[conversions.goal[r]!] = stored[conversions.goal[r]!]! + 1;
  const capped = capGoals(allGoals.map((goal, g) => ({ goal, stored: stored[g]! })), { maxGoals: options.maxGoals, keepGoals: options.keepGoals });
  const keptIndex = new Map(capped.kept.map((goal, i) => [goal, i]));
  state.input.goalsOmitted = capped.omitted;
  return { goals: capped.kept, goalMap: Int32Array.from(allGoals, (goal) => keptIndex.get(goal) ?? -1) };
}

/**
 * The aggregate of everything in `state`, with conversions counted within `windowDays` after the visitor's first
 * exposure in each period.
 * @example const aggregate = finishAggregate(state, { windowDays: 7 })
 */
export function finishAggregate(state: AggregationState, options: GoalCapOptions & { windowDays: number }): Aggregate {
  const { goals, goalMap } = keptGoals(state, options);
  const f: Finish = {
    state,
    goals: goals.length,
    goalMap,
    windowMs: options.windowDays * DAY_MS,
    periods: new Map(),
    hits: goalHits(goals.length),
    triggerHits: goalHits(goals.length),
    recs: [],
  };
  for (let v = 0; v < state.visitors.count; v++) addVisitor(f, v);
  const input = state.input;
  return canonicalOrder({
    v: 1,
    windowDays: f.windowMs / DAY_MS,
    goals,
    input: { ...input, configVersions: { ...input.configVersions }, goalsOmitted: { ...input.goalsOmitted } },
    periods: periodAggregates(f.periods.values()),
  });
}

/** Adds visitor `v` to each period it was exposed in; a visitor without exposures is only counted. */
function addVisitor(f: Finish, v: number): void {
  const { visitors, exposures, patterns, strings } = f.state;
  const head = visitors.exposures[v]!;
  if (head < 0) {
    f.state.input.visitorsWithoutExposure++;
    return;
  }
  f.recs.length = 0;
  for (let r = head; r >= 0; r = exposures.next[r]!) f.recs.push(r);
  const answerId = visitors.answer[v]!;
  const visitor: VisitorInPeriod = {
    v,
    fold: visitors.fold[v] === 1 ? 1 : 0,
    answerId,
    answer: answerId >= 0 ? strings.answer.list[answerId]! : null,
  };
  // Each period (salt) of this visitor is analysed on its own.
  const salts = new Set<number>(f.recs.map((r) => patterns.list[exposures.pattern[r]!]!.salt));
  for (const saltId of salts) addVisitorPeriod(f, visitor, saltId);
}

/** The visitor being added. */
interface VisitorInPeriod {
  v: number;
  fold: 0 | 1;
  answerId: number;
  answer: string | null;
}

/** Adds the visitor to one period: its group, day and answer cells, then each slot it was exposed in. */
function addVisitorPeriod(f: Finish, visitor: VisitorInPeriod, saltId: number): void {
  const { exposures, patterns, strings } = f.state;
  let first = Infinity;
  let holdout = false;
  let firstRec = -1;
  for (const r of f.recs) {
    const pat = patterns.list[exposures.pattern[r]!]!;
    if (pat.salt !== saltId) continue;
    // The period starts at the earliest first exposure; at the same millisecond, the smallest slot name's.
    if (exposures.ts[r]! < first || (exposures.ts[r] === first && strings.slot.list[pat.slot]! < strings.slot.list[patterns.list[exposures.pattern[firstRec]!]!.slot]!)) {
      first = exposures.ts[r]!;
      firstRec = r;
    }
    if (pat.arm === 0) holdout = true;
  }
  windowedConversions(f.hits, f.state.conversions, f.goalMap, visitor.v, first, f.windowMs);
  let period = f.periods.get(saltId);
  if (!period) {
    period = emptyPeriod(strings.salt.list[saltId]!, first, f.goals);
    f.periods.set(saltId, period);
  }
  period.visitors++;
  const group = holdout ? period.groups.holdout : period.groups.rest;
  group.n++;
  addSums(group, f.hits);
  const dayNum = Math.floor(first / DAY_MS);
  let day = period.days.get(dayNum);
  if (!day) {
    day = { day: new Date(dayNum * DAY_MS).toISOString().slice(0, 10), holdout: emptyCell(f.goals), rest: emptyCell(f.goals) };
    period.days.set(dayNum, day);
  }
  const dayGroup = holdout ? day.holdout : day.rest;
  dayGroup.n++;
  addSums(dayGroup, f.hits);
  if (visitor.answer !== null && firstRec >= 0) {
    const pat = patterns.list[exposures.pattern[firstRec]!]!;
    const key = visitor.answer + SEP + String(pat.audiences);
    let cell = period.answers.get(key);
    if (!cell) {
      cell = { answer: visitor.answer, audiences: setList(strings, pat.audiences), n: 0, conv: new Array<number>(f.goals).fill(0) };
      period.answers.set(key, cell);
    }
    cell.n++;
    addSums(cell, f.hits);
  }
  for (const r of f.recs) if (patterns.list[exposures.pattern[r]!]!.salt === saltId) addRecord(f, visitor, period, r);
}

/** Adds one exposure record (visitor × slot × period) to its slot's exposure counts and cells. */
function addRecord(f: Finish, visitor: VisitorInPeriod, period: PeriodAcc, r: number): void {
  const { exposures, patterns, strings, input } = f.state;
  const pat = patterns.list[exposures.pattern[r]!]!;
  const t = exposures.ts[r]!;
  if (t > period.lastTs) period.lastTs = t;
  if (t < period.firstTs) period.firstTs = t;
  let slot = period.slots.get(pat.slot);
  if (!slot) {
    slot = emptySlot(strings.slot.list[pat.slot]!);
    period.slots.set(pat.slot, slot);
  }
  const arm = ARMS[pat.arm]!;
  slot.exposures[arm]++;
  const cv = strings.cv.list[pat.configVersion]!;
  slot.configVersions[cv] = (slot.configVersions[cv] ?? 0) + 1;
  input.configVersions[cv] = (input.configVersions[cv] ?? 0) + 1;
  let cell = slot.cells.get(pat.cellKey);
  if (!cell) {
    cell = { arm, experience: pat.experience, counterfactual: pat.counterfactual, ...emptyCell(f.goals) };
    slot.cells.set(pat.cellKey, cell);
  }
  cell.n++;
  addSums(cell, f.hits);
  addDecision(f, visitor, slot, r);
  addTrustCell(f, visitor.v, slot, pat);
}

/**
 * Adds the record's decision to the slot's decision and off-policy cells. The decision is the first exposure whose
 * counterfactual is an experience, else the first exposure; a later one (the visitor came to match) counts
 * conversions in the window after it.
 */
function addDecision(f: Finish, visitor: VisitorInPeriod, slot: SlotAcc, r: number): void {
  const { exposures, patterns, strings, input } = f.state;
  const p = exposures.pattern[r]!;
  const trigger = exposures.triggerPattern[r]!;
  const dp = trigger >= 0 ? trigger : p;
  // (Without a trigger, triggerTs holds no time: the record is not redecided even if an earlier exposure replaced the first.)
  const redecided = trigger >= 0 && (dp !== p || exposures.triggerTs[r] !== exposures.ts[r]);
  let hits = f.hits;
  if (redecided) {
    input.redecided++;
    windowedConversions(f.triggerHits, f.state.conversions, f.goalMap, visitor.v, exposures.triggerTs[r]!, f.windowMs);
    hits = f.triggerHits;
  }
  const dpat = patterns.list[dp]!;
  const darm = ARMS[dpat.arm]!;
  let decision = slot.decisions.get(dpat.cellKey);
  if (!decision) {
    decision = { arm: darm, experience: dpat.experience, counterfactual: dpat.counterfactual, ...emptyCell(f.goals) };
    slot.decisions.set(dpat.cellKey, decision);
  }
  decision.n++;
  addSums(decision, hits);
  const opeKey = String(dp) + SEP + String(visitor.fold) + SEP + String(visitor.answerId);
  let ope = slot.ope.get(opeKey);
  if (!ope) {
    ope = {
      fold: visitor.fold,
      answer: visitor.answer,
      audiences: setList(strings, dpat.audiences),
      eligible: setList(strings, dpat.eligible),
      arm: darm,
      action: dpat.experience,
      counterfactual: dpat.counterfactual,
      propensity: dpat.propensity,
      n: 0,
      conv: new Array<number>(f.goals).fill(0),
    };
    slot.ope.set(opeKey, ope);
  }
  ope.n++;
  addSums(ope, hits);
}

/** Adds visitor `v` to the slot's trust cell of the shown pattern, with each trust action it took there (or page-wide) once. */
function addTrustCell(f: Finish, v: number, slot: SlotAcc, pat: Pattern): void {
  const { visitors, trust: records } = f.state;
  let trust = slot.trust.get(pat.trustKey);
  if (!trust) {
    trust = { arm: ARMS[pat.arm]!, experience: pat.experience, n: 0, explanationOpened: 0, showStandard: 0, personalizeAgain: 0, forget: 0 };
    slot.trust.set(pat.trustKey, trust);
  }
  trust.n++;
  let seen = 0;
  for (let q = visitors.trust[v]!; q >= 0; q = records.next[q]!) {
    const s = records.slot[q]!;
    const k = records.kind[q]!;
    if ((s !== -1 && s !== pat.slot) || (seen & (1 << k)) !== 0) continue;
    seen |= 1 << k;
    if (k === 0) trust.explanationOpened++;
    else if (k === 1) trust.showStandard++;
    else if (k === 2) trust.personalizeAgain++;
    else if (k === 3) trust.forget++;
  }
}
