import { decide } from '../core/decide/decide.js';
import type { Arm, CandorEvent, Config, ConsentState, ExposureEvent, ValidConfig } from '../core/types.js';
import { eventQueue, exposureOf } from './event-queue.js';
import { journeyConfig } from './journey-config.js';
import { journeyEvents } from './journey-events.js';
import { journeyTruth } from './journey-truth.js';
import { JOURNEY_SCENARIOS, type JourneyScenario } from './journeys.js';
import { seededRandom } from './prng.js';
import { SCENARIOS, SEGMENTS, type Action, type Scenario } from './scenarios.js';
import { simulationConfig, validSimulationConfig, type SimulationDesign } from './simulation-config.js';
import { simulationTruth, type SimulationTruth } from './simulation-truth.js';

/** Options of {@link simulateEvents}. */
export interface SimulateOptions {
  /** A scenario name (`aa`, `losing-experience`, `wrong-categories`, `poor-signals`, `journeys`) or a scenario object. */
  scenario: string | Scenario | JourneyScenario;
  visitors: number;
  /** Same seed, same events. Default 1. */
  seed?: string | number;
  design?: SimulationDesign;
  /** First day of traffic (ms since the epoch). Default 2026-01-05T00:00Z. */
  startTs?: number;
  /** Visitors arrive uniformly over this many days. Default 28. */
  days?: number;
  /** Share of events sent twice (at-least-once delivery). Default 0.01. */
  duplicateRate?: number;
  /** Share of visitors invited to self-identify, who answer. Default 0.02. */
  askShare?: number;
  /** Extra `page-engaged` conversions per visitor (load for benchmarks). Default 0. */
  extraConversions?: number;
  /** Re-log each exposure this many more times, days later, with new event ids (as after lost storage); intention-to-treat ignores them. Default 0. */
  reexposures?: number;
  /** Lose this share of one arm's exposure events (to test the sample-ratio alarm). */
  dropExposures?: { arm: Arm; share: number };
}

/** What a simulation ran under and what is true in it (a journey scenario's truth is a {@link JourneyTruth}). */
export interface Simulation {
  config: Config;
  truth: SimulationTruth;
}

const DAY_MS = 86_400_000;

/** Every scenario name of `candor simulate`. */
export const scenarioNames = (): string[] => [...Object.keys(SCENARIOS), ...Object.keys(JOURNEY_SCENARIOS)];

/** Looks a scenario up by name; throws with the list of names when there is no such scenario. */
export function scenarioByName(name: string): Scenario | JourneyScenario {
  const own = (record: object): boolean => Object.prototype.hasOwnProperty.call(record, name);
  const s = own(SCENARIOS) ? SCENARIOS[name] : own(JOURNEY_SCENARIOS) ? JOURNEY_SCENARIOS[name] : undefined;
  if (!s) throw new Error(`Unknown scenario "${name}". Use one of: ${scenarioNames().join(', ')}.`);
  return s;
}

/** Whether a scenario is one where visitors enter audiences over time. */
export const isJourneyScenario = (s: Scenario | JourneyScenario): s is JourneyScenario => 'kind' in s;

/**
 * Generates the events of a simulated site whose truth is known. Assignments come from Candor's own `decide`,
 * so arms, counterfactuals and propensities are exactly what the SDK would log. Events go to `emit` in file
 * order: mostly visitor by visitor, with a few conversions before their exposure and a few re-sent copies later.
 * @returns the config the site ran under and the truth.
 * @example const { truth } = simulateEvents({ scenario: 'aa', visitors: 10_000, seed: 7 }, (e) => lines.push(JSON.stringify(e)));
 */
export function simulateEvents(options: SimulateOptions, emit: (event: CandorEvent) => void): Simulation {
  const simulation = simulation_(options);
  for (const e of simulation.events) emit(e);
  return { config: simulation.config, truth: simulation.truth };
}

/**
 * Like {@link simulateEvents}, but the events come as a lazy iterable, so a writer can wait for its stream to drain.
 * @example const { events } = simulationEvents({ scenario: 'aa', visitors: 1e6 }); for (const e of events) await write(e);
 */
export function simulationEvents(options: SimulateOptions): Simulation & { events: Iterable<CandorEvent> } {
  return simulation_(options);
}

function simulation_(options: SimulateOptions): Simulation & { events: Iterable<CandorEvent> } {
  const scenario = typeof options.scenario === 'string' ? scenarioByName(options.scenario) : options.scenario;
  if (isJourneyScenario(scenario)) {
    const config = journeyConfig(scenario, options.design);
    const slots = Object.keys(config.slots);
    const hero = config.slots[slots[0] ?? 'hero'];
    const truth = journeyTruth(scenario, { holdout: config.holdout, control: hero?.control ?? 0.1, explore: hero?.explore ?? 0.1 });
    return { config, truth, events: journeyEvents(options, scenario, validSimulationConfig(config), slots) };
  }
  const config = simulationConfig(options.design);
  const valid = validSimulationConfig(config);
  const slotNames = Object.keys(config.slots);
  const heroSlot = slotNames[0] ?? 'hero';
  const heroConfig = config.slots[heroSlot];
  const truth = simulationTruth(scenario, { holdout: config.holdout, control: heroConfig?.control ?? 0.1, explore: heroConfig?.explore ?? 0.1 });
  return { config, truth, events: generate(options, scenario, valid, slotNames, heroSlot) };
}

function* generate(options: SimulateOptions, scenario: Scenario, valid: ValidConfig, slotNames: string[], heroSlot: string): Generator<CandorEvent> {

  const random = seededRandom(options.seed ?? 1);
  const start = options.startTs ?? Date.UTC(2026, 0, 5);
  const spread = (options.days ?? 28) * DAY_MS;
  const dupRate = options.duplicateRate ?? 0.01;
  const askShare = options.askShare ?? 0.02;
  const extra = Math.max(0, Math.floor(options.extraConversions ?? 0));
  const reexpose = Math.max(0, Math.floor(options.reexposures ?? 0));
  const drop = options.dropExposures;
  const consent: ConsentState = { tier: 'relationship', gpc: false };
  const queue = eventQueue(random, dupRate);
  const newId = queue.newId;
  const send = queue.send;
  const pick = (shares: readonly number[]): number => {
    let u = random();
    for (let i = 0; i < shares.length; i++) {
      u -= shares[i] ?? 0;
      if (u < 0) return i;
    }
    return shares.length - 1;
  };

  for (let i = 0; i < options.visitors; i++) {
    const visitorId = 'v' + Math.floor(random() * 4294967296).toString(36) + Math.floor(random() * 4294967296).toString(36);
    const segment = pick(scenario.segmentShares);
    const returning = random() < scenario.returningShare;
    const guess = random() < scenario.signalAccuracy ? segment : (segment + 1 + Math.floor(random() * (SEGMENTS.length - 1))) % SEGMENTS.length;
    const signals = { 'utm.campaign': SEGMENTS[guess]?.campaign, 'visit.returning': returning };
    const first = start + Math.floor(random() * spread);

    const exposures: ExposureEvent[] = [];
    let heroAction: Action = 'baseline';
    slotNames.forEach((slot, s) => {
      const d = decide({ config: valid, slot, visitorId, signals, consent });
      if (slot === heroSlot) heroAction = d.experience as Action;
      if (d.arm === drop?.arm && random() < drop.share) return;
      exposures.push(exposureOf(d, visitorId, newId(), first + s * 1000, consent.tier));
    });

    const later: CandorEvent[] = [];
    for (let k = 1; k <= reexpose; k++) for (const e of exposures) later.push({ ...e, id: newId(), ts: e.ts + k * DAY_MS });
    const conversion = (goal: string, ts: number): void => {
      later.push({ v: 1, type: 'conversion', id: newId(), visitorId, ts, goal });
    };
    if (random() < scenario.rate(segment, returning, heroAction)) conversion('signup', first + 5000 + Math.floor(random() * 6.9 * DAY_MS));
    if (random() < 0.005) conversion('signup', first + Math.floor((8 + random() * 4) * DAY_MS)); // outside the window
    if (random() < scenario.newsletterRate) conversion('newsletter', first + 5000 + Math.floor(random() * 6.9 * DAY_MS));
    for (let k = 0; k < extra; k++) conversion('page-engaged', first + 5000 + Math.floor(random() * 6.9 * DAY_MS));
    const trust = (kind: 'explanation_opened' | 'show_standard' | 'forget', slot?: string): void => {
      const e: CandorEvent = { v: 1, type: 'trust', id: newId(), visitorId, ts: first + 2000, kind };
      if (slot !== undefined) e.slot = slot;
      later.push(e);
    };
    if (random() < 0.03) trust('explanation_opened', heroSlot);
    if (random() < 0.005) trust('show_standard', heroSlot);
    if (random() < 0.002) trust('forget');
    if (random() < askShare) {
      later.push({ v: 1, type: 'trust', id: newId(), visitorId, ts: first + 3000, kind: 'ask_answered', key: 'role', answer: SEGMENTS[segment]?.id ?? '' });
    }

    // A few visitors' conversions reach the file before their exposures.
    if (random() < 0.05) {
      for (const e of later) send(e);
      for (const e of exposures) send(e);
    } else {
      for (const e of exposures) send(e);
      for (const e of later) send(e);
    }
    yield* queue.take();
  }
  yield* queue.rest();
}
