/**
 * The fast path of the simulator: the {@link Aggregate} of a simulated site drawn visitor by visitor, without
 * events. What `candor report` needs from a world with known truth, in about a microsecond per visitor, so that
 * simulation tests can run hundreds of replications (the event path, `simulateEvents`, runs Candor's own `decide` and
 * the streaming aggregator, and is what the CLI uses).
 *
 * Same design as the event path (docs/measurement.md §1.1): a global holdout h, then per slot control c, explore ε
 * (uniform over the three experiences and the baseline) and targeted (the experience of the guessed segment), with
 * the marginal propensity `decide` logs:
 * `P(a) = h·[a = base] + (1−h)·(c·[a = base] + ε/4 + (1−c−ε)·[a = counterfactual])`.
 * One slot (`hero`), goals `signup` (the scenario's rates) and `newsletter` (no effect), the cross-fitting fold a fair
 * coin (the aggregator hashes the visitor id), first exposures spread uniformly over `days`. Duplicates, late
 * conversions and trust events are left out: they are the aggregator's business, tested on the event path.
 * A test checks that both paths give the same cells and propensities.
 */

import type { Arm, Config } from '../core/types.js';
import type { Aggregate, AnswerCell, ArmCell, DayCell, OpeCell, VisitorCell } from '../report/aggregate-types.js';
import { binomialDraw, multinomialDraw } from './draws.js';
import { seededRandom } from './prng.js';
import { SEGMENTS, shadowPrevalence, type Action, type Scenario } from './scenarios.js';
import { simulationConfig, type SimulationDesign } from './simulation-config.js';
import { segmentScenarioByName } from './simulate-events.js';

/** Options of {@link sampleAggregate}. */
export interface SampleOptions {
  scenario: string | Scenario;
  visitors: number;
  seed?: string | number;
  design?: Omit<SimulationDesign, 'slots'>;
  /** Share of visitors invited to self-identify (each answers with the scenario's `respond` weight, default 1). Default 0.02. */
  askShare?: number;
  /** First day (ms since the epoch). Default 2026-01-05T00:00Z. */
  startTs?: number;
  /** Days of traffic. Default 28. */
  days?: number;
  /**
   * Draw visitor by visitor even without extra shadow audiences (slower; gives days of first exposure). Default: the
   * cell path (multinomial counts per block of identical visitors, then binomial conversions) when there are no extra
   * shadow audiences, which costs the same for 10⁴ or 10⁷ visitors; visitor by visitor otherwise.
   */
  perVisitor?: boolean;
}

const DAY_MS = 86_400_000;
const GOALS = ['signup', 'newsletter'];
const ARMS: readonly Arm[] = ['holdout', 'control', 'explore', 'targeted'];
const EXPERIENCES = SEGMENTS.map((s) => s.experience);
const ACTIONS: readonly Action[] = [...EXPERIENCES, 'baseline'];

const empty = (): VisitorCell => ({ n: 0, conv: [0, 0], sum: [0, 0], sumSq: [0, 0] });
/** Adds `m` visitors of whom `conv[g]` converted on goal g (each conversion is worth 1). */
function add(cell: { n: number; conv: number[]; sum?: number[]; sumSq?: number[] }, conv: readonly number[], m = 1): void {
  cell.n += m;
  for (let g = 0; g < conv.length; g++) {
    const x = conv[g] ?? 0;
    if (x === 0) continue;
    cell.conv[g] = (cell.conv[g] ?? 0) + x;
    if (cell.sum && cell.sumSq) {
      cell.sum[g] = (cell.sum[g] ?? 0) + x;
      cell.sumSq[g] = (cell.sumSq[g] ?? 0) + x;
    }
  }
}

/**
 * Draws the aggregate of a simulated site (one `hero` slot) directly, visitor by visitor.
 * @example const { aggregate, config } = sampleAggregate({ scenario: 'aa-12-audiences', visitors: 12_000, seed: 3 }); analyze(aggregate, { config })
 */
export function sampleAggregate(options: SampleOptions): { aggregate: Aggregate; config: Config } {
  const scenario = typeof options.scenario === 'string' ? segmentScenarioByName(options.scenario) : options.scenario;
  const shadows = Math.max(0, Math.floor(scenario.shadowAudiences ?? options.design?.shadowAudiences ?? 0));
  const config = simulationConfig({ ...options.design, slots: 1, shadowAudiences: shadows });
  const h = config.holdout;
  const hero = config.slots.hero;
  const c = hero?.control ?? 0.1;
  const eps = hero?.explore ?? 0.1;
  const random = seededRandom(options.seed ?? 1);
  const askShare = options.askShare ?? 0.02;
  const start = options.startTs ?? Date.UTC(2026, 0, 5);
  const days = options.days ?? 28;
  const shares = scenario.segmentShares;
  const pick = (): number => {
    let u = random();
    for (let i = 0; i < shares.length; i++) {
      u -= shares[i] ?? 0;
      if (u < 0) return i;
    }
    return shares.length - 1;
  };
  const prevalence = Array.from({ length: shadows }, (_, i) => shadowPrevalence(i + 1, shadows));
  const eligible = [...EXPERIENCES].sort();

  const groups = { holdout: empty(), rest: empty() };
  const exposures: Record<Arm, number> = { holdout: 0, control: 0, explore: 0, targeted: 0 };
  const dayCells = new Map<number, DayCell>();
  const conv = [0, 0];
  const propensityOf = (action: Action, counterfactual: Action): number => {
    const base = action === 'baseline';
    return (base ? h : 0) + (1 - h) * ((base ? c : 0) + eps / (eligible.length + 1) + (action === counterfactual ? 1 - c - eps : 0));
  };
  /** Adds m visitors who share everything, `conv` of them converting per goal. */
  // Context `(guess, mask)`: the guessed segment, and a bit mask of returning (bit 0) and the extra shadow audiences.
  const audienceSets = new Map<number, string[]>();
  const audiencesOf = (guess: number, mask: number): string[] => {
    const id = guess * 2 ** (shadows + 1) + mask;
    let list = audienceSets.get(id);
    if (!list) {
      list = [SEGMENTS[guess]?.audience ?? ''];
      if (mask & 1) list.push('returning');
      for (let k = 0; k < shadows; k++) if (mask & (2 << k)) list.push(`shadow-${k + 1}`);
      list.sort();
      audienceSets.set(id, list);
    }
    return list;
  };
  const cellById = new Map<number, ArmCell>();
  const opeById = new Map<number, OpeCell>();
  const answerById = new Map<number, AnswerCell>();
  /** Adds m visitors who share everything, `conv` of them converting per goal; `answered` is the declared segment or -1. */
  const record = (m: number, arm: Arm, action: Action, guess: number, mask: number, fold: 0 | 1, answered: number, day: number | null): void => {
    const counterfactual: Action = SEGMENTS[guess]?.experience ?? 'baseline';
    add(arm === 'holdout' ? groups.holdout : groups.rest, conv, m);
    if (day !== null) {
      let dayCell = dayCells.get(day);
      if (!dayCell) {
        dayCell = { day: new Date(start + day * DAY_MS).toISOString().slice(0, 10), holdout: empty(), rest: empty() };
        dayCells.set(day, dayCell);
      }
      add(arm === 'holdout' ? dayCell.holdout : dayCell.rest, conv, m);
    }
    exposures[arm] += m;
    const cellId = (ARMS.indexOf(arm) * ACTIONS.length + ACTIONS.indexOf(action)) * SEGMENTS.length + guess;
    let cell = cellById.get(cellId);
    if (!cell) {
      cell = { arm, experience: action, counterfactual, ...empty() };
      cellById.set(cellId, cell);
    }
    add(cell, conv, m);
    const contextId = guess * 2 ** (shadows + 1) + mask;
    const opeId = ((cellId * 2 ** (shadows + 1) * SEGMENTS.length + contextId) * 2 + fold) * (SEGMENTS.length + 1) + answered + 1;
    let o = opeById.get(opeId);
    if (!o) {
      const answer = answered >= 0 ? `role=${SEGMENTS[answered]?.id ?? ''}` : null;
      o = { fold, answer, audiences: audiencesOf(guess, mask), eligible, arm, action, counterfactual, propensity: propensityOf(action, counterfactual), n: 0, conv: [0, 0] };
      opeById.set(opeId, o);
    }
    add(o, conv, m);
    if (answered >= 0) {
      const answerId = contextId * SEGMENTS.length + answered;
      let a = answerById.get(answerId);
      if (!a) {
        a = { answer: `role=${SEGMENTS[answered]?.id ?? ''}`, audiences: audiencesOf(guess, mask), n: 0, conv: [0, 0] };
        answerById.set(answerId, a);
      }
      add(a, conv, m);
    }
  };

  if (shadows === 0 && !options.perVisitor) {
    // Cell path: every (segment, returning, guess, arm, action, fold, answered) block gets its multinomial count, then
    // binomial conversions per goal. Cost grows with the number of blocks, not with visitors.
    const blocks: { p: number; segment: number; returning: boolean; guess: number; arm: Arm; action: Action; fold: 0 | 1; answered: boolean }[] = [];
    shares.forEach((share, segment) => {
      for (const returning of [false, true]) {
        for (let guess = 0; guess < SEGMENTS.length; guess++) {
          const pContext = share * (returning ? scenario.returningShare : 1 - scenario.returningShare) * (guess === segment ? scenario.signalAccuracy : (1 - scenario.signalAccuracy) / (SEGMENTS.length - 1));
          const cf: Action = SEGMENTS[guess]?.experience ?? 'baseline';
          const arms: [Arm, Action, number][] = [
            ['holdout', 'baseline', h],
            ['control', 'baseline', (1 - h) * c],
            ...ACTIONS.map((a): [Arm, Action, number] => ['explore', a, ((1 - h) * eps) / ACTIONS.length]),
            ['targeted', cf, (1 - h) * (1 - c - eps)],
          ];
          const pAnswer = Math.min(1, askShare * (scenario.respond?.(segment, returning) ?? 1));
          for (const [arm, action, pArm] of arms) {
            for (const fold of [0, 1] as const) {
              for (const answered of [false, true]) blocks.push({ p: pContext * pArm * 0.5 * (answered ? pAnswer : 1 - pAnswer), segment, returning, guess, arm, action, fold, answered });
            }
          }
        }
      }
    });
    const counts = multinomialDraw(random, options.visitors, blocks.map((b) => b.p));
    blocks.forEach((b, i) => {
      const m = counts[i] ?? 0;
      if (m === 0) return;
      conv[0] = binomialDraw(random, m, scenario.rate(b.segment, b.returning, b.action));
      conv[1] = binomialDraw(random, m, scenario.newsletterRate);
      record(m, b.arm, b.action, b.guess, b.returning ? 1 : 0, b.fold, b.answered ? b.segment : -1, null);
    });
  }

  for (let v = 0; v < (shadows === 0 && !options.perVisitor ? 0 : options.visitors); v++) {
    const segment = pick();
    const returning = random() < scenario.returningShare;
    const guess = random() < scenario.signalAccuracy ? segment : (segment + 1 + Math.floor(random() * (SEGMENTS.length - 1))) % SEGMENTS.length;
    let mask = returning ? 1 : 0;
    for (let k = 0; k < shadows; k++) if (random() < (prevalence[k] ?? 0)) mask |= 2 << k;
    const counterfactual: Action = SEGMENTS[guess]?.experience ?? 'baseline';
    let arm: Arm;
    let action: Action;
    if (random() < h) {
      arm = 'holdout';
      action = 'baseline';
    } else {
      const u = random();
      if (u < c) {
        arm = 'control';
        action = 'baseline';
      } else if (u < c + eps) {
        arm = 'explore';
        action = ACTIONS[Math.floor(random() * ACTIONS.length)] ?? 'baseline';
      } else {
        arm = 'targeted';
        action = counterfactual;
      }
    }
    const fold: 0 | 1 = random() < 0.5 ? 0 : 1;
    const answered = random() < askShare * (scenario.respond?.(segment, returning) ?? 1) ? segment : -1;
    conv[0] = random() < scenario.rate(segment, returning, action) ? 1 : 0;
    conv[1] = random() < scenario.newsletterRate ? 1 : 0;
    const day = Math.floor(random() * days);
    record(1, arm, action, guess, mask, fold, answered, day);
  }

  const order = (arm: Arm): number => ARMS.indexOf(arm);
  const aggregate: Aggregate = {
    v: 1,
    windowDays: 7,
    goals: [...GOALS],
    input: {
      lines: options.visitors,
      events: { exposure: options.visitors, conversion: groups.holdout.conv.concat(groups.rest.conv).reduce((t, x) => t + x, 0), trust: 0 },
      invalid: 0,
      duplicates: 0,
      laterExposures: 0,
      conversionsCapped: 0,
      visitorsWithoutExposure: 0,
      configVersions: { [config.version]: options.visitors },
    },
    periods: [
      {
        salt: config.salt,
        firstTs: start,
        lastTs: start + days * DAY_MS - 1,
        visitors: options.visitors,
        groups,
        days: [...dayCells.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d),
        slots: [
          {
            slot: 'hero',
            exposures,
            configVersions: { [config.version]: options.visitors },
            cells: [...cellById.values()].sort((a, b) => order(a.arm) - order(b.arm)),
            ope: [...opeById.values()],
            trust: [],
          },
        ],
        answers: [...answerById.values()],
      },
    ],
  };
  return { aggregate, config };
}
