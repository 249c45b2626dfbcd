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

import type { Config } from '../core/types.js';
import type { Aggregate } from '../report/aggregate-types.js';
import { seededRandom } from './prng.js';
import { shadowPrevalence, type Scenario } from './scenarios.js';
import { createSampleRecorder } from './sample-recorder.js';
import { drawByCells, drawOneByOne, type DrawSetting } from './draw-visitors.js';
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

/**
 * Draws the aggregate of a simulated site (one `hero` slot) directly, visitor by visitor.
 * @example const { aggregate, config } = sampleAggregate({ scenario: 'aa-12-audiences', visitors: 12_000, seed: 3 }); analyze(aggregate, { config })
 */
export function sampleAggregate(options: SampleOptions): { aggregate: Aggregate; config: Config } {
  const scenario = typeof options.scenario === 'string' ? segmentScenarioByName(options.scenario) : options.scenario;
  const shadows = Math.max(0, Math.floor(scenario.shadowAudiences ?? options.design?.shadowAudiences ?? 0));
  const config = simulationConfig({ ...options.design, slots: 1, shadowAudiences: shadows });
  const hero = config.slots.hero;
  const start = options.startTs ?? Date.UTC(2026, 0, 5);
  const days = options.days ?? 28;
  const setting: DrawSetting = {
    scenario,
    random: seededRandom(options.seed ?? 1),
    h: config.holdout,
    c: hero?.control ?? 0.1,
    eps: hero?.explore ?? 0.1,
    askShare: options.askShare ?? 0.02,
    days,
    shadows,
    prevalence: Array.from({ length: shadows }, (_, i) => shadowPrevalence(i + 1, shadows)),
  };
  const recorder = createSampleRecorder({ h: setting.h, c: setting.c, eps: setting.eps, shadows, start });
  if (shadows === 0 && !options.perVisitor) drawByCells(setting, recorder, options.visitors);
  else drawOneByOne(setting, recorder, options.visitors);

  const { groups, exposures } = recorder;
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
        days: recorder.days(),
        slots: [
          {
            slot: 'hero',
            exposures,
            configVersions: { [config.version]: options.visitors },
            cells: recorder.cells(),
            ope: recorder.ope(),
            trust: [],
          },
        ],
        answers: recorder.answers(),
      },
    ],
  };
  return { aggregate, config };
}
