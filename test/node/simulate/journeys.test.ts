/**
 * The `journeys` scenario: visitors who enter audiences over time (they read the docs, they come back), decided by
 * Candor's own `decide` page view after page view as the SDK does. The report must stay unbiased when it reads each
 * visitor from their decision record (docs/report.md, "What each section answers").
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run as simulate } from '../../../src/cli/simulate.js';
import type { Arm, CandorEvent, Config, ExposureEvent } from '../../../src/core/types.js';
import { chiSquareSf } from '../../../src/report/stats/index.js';
import { validSimulationConfig } from '../../../src/simulate/simulation-config.js';
import { journeyCells, journeyTruth, type JourneyTruth } from '../../../src/simulate/journey-truth.js';
import { JOURNEY_AUDIENCES, JOURNEYS } from '../../../src/simulate/journeys.js';
import { simulateEvents } from '../../../src/simulate/simulate-events.js';

const scenario = JOURNEYS;

/** Each visitor's exposures per slot, in time order. */
function exposuresBySlot(events: CandorEvent[]): Map<string, ExposureEvent[]> {
  const seen = new Set<string>();
  const by = new Map<string, ExposureEvent[]>();
  for (const e of events) {
    if (e.type !== 'exposure' || seen.has(e.id)) continue; // re-sent copies carry the same id
    seen.add(e.id);
    const key = `${e.visitorId}|${e.slot}`;
    by.set(key, [...(by.get(key) ?? []), e]);
  }
  for (const list of by.values()) list.sort((a, b) => a.ts - b.ts);
  return by;
}

/** The decision record of a visitor × slot: the first exposure whose counterfactual is an experience, if the first one's is not; else the first. */
const decisionRecord = (list: ExposureEvent[]): ExposureEvent | undefined =>
  list[0]?.counterfactual === 'baseline' ? (list.find((e) => e.counterfactual !== 'baseline') ?? list[0]) : list[0];

describe('journeys: visitors enter audiences over time', () => {
  test('the truth is exact (enumeration of the journeys) and the story holds: who comes to match differs from who matched on arrival', () => {
    const cells = journeyCells(scenario);
    expect(cells.reduce((t, c) => t + c.p, 0)).toBeCloseTo(1, 12);
    const truth = journeyTruth(scenario, { holdout: 0.05, control: 0.1, explore: 0.1 });
    expect(truth.cameToMatch).toBeGreaterThan(0.25);
    const byName = Object.fromEntries(truth.experiences.map((e) => [e.experience, e]));
    // welcome-back-hero loses those who were back on arrival and wins those who came back: only the decision record sees both.
    expect(byName['welcome-back-hero']?.onArrival.relativeLift).toBeLessThan(-0.1);
    expect(byName['welcome-back-hero']?.cameToMatch.relativeLift).toBeGreaterThan(0.4);
    expect(byName['welcome-back-hero']?.relativeLift).toBeGreaterThan(0);
    expect(byName['dev-hero']?.cameToMatch.share).toBeGreaterThan(byName['dev-hero']?.onArrival.share ?? 1);
    expect(byName['manager-hero']?.cameToMatch.share).toBe(0); // a campaign is known on arrival or never
    expect(truth.targeting.difference).toBeGreaterThan(0);
    expect(truth.values.bestOnSignals).toBeGreaterThan(truth.values.currentRules);
    expect(truth.values.perfectWorld).toBeGreaterThan(truth.values.bestOnSignals);
  });

  test('candor simulate --scenario journeys writes the events, the config and the truth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-journeys-'));
    const [events, truthFile, configFile] = ['e.ndjson', 'truth.json', 'config.json'].map((f) => join(dir, f)) as [string, string, string];
    expect(await simulate(['--scenario', 'journeys', '--visitors', '2000', '--seed', '4', '--out', events, '--truth', truthFile, '--config-out', configFile])).toBe(0);
    const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as JourneyTruth;
    expect(truth.kind).toBe('journeys');
    expect(truth.experiences.map((e) => e.experience)).toEqual(['manager-hero', 'dev-hero', 'welcome-back-hero']);
    expect(Object.keys(validSimulationConfig(JSON.parse(readFileSync(configFile, 'utf8')) as Config).audiences)).toEqual(JOURNEY_AUDIENCES.map((a) => a.id));
    const lines = readFileSync(events, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CandorEvent);
    const twice = [...exposuresBySlot(lines).values()].filter((l) => l.length === 2);
    expect(twice.length).toBeGreaterThan(400);
    for (const [a, b] of twice) {
      expect(a?.counterfactual).toBe('baseline');
      expect(b?.counterfactual).not.toBe('baseline');
      expect(b?.decisionId).not.toBe(a?.decisionId);
      expect(b?.arm).toBe(a?.arm);
    }
    const err: string[] = [];
    expect(await simulate(['--scenario', 'journeys', '--visitors', '10', '--out', events], { stderr: (t) => err.push(t) })).toBe(0);
    expect(err.join('')).toMatch(/Came to match later \(hero decided again\): 3\d\.\d+% of visitors/);
  });

  test('every exposure, first decision or decision made again, logs the exact propensity of what it shows in its context', () => {
    const events: CandorEvent[] = [];
    const { config } = simulateEvents({ scenario: 'journeys', visitors: 10_000, seed: 21, design: { slots: 2, control: 0.15, explore: 0.2 } }, (e) => events.push(e));
    const [h, A] = [config.holdout, 3]; // three explorable audiences (from-search is shadow), plus "none"
    const again: Record<Arm, number> = { holdout: 0, control: 0, explore: 0, targeted: 0 };
    const wrong: string[] = [];
    let checked = 0;
    let most = 0;
    for (const list of exposuresBySlot(events).values()) {
      most = Math.max(most, list.length);
      for (const [i, e] of list.entries()) {
        const slot = config.slots[e.slot];
        if (!slot) throw new Error(`unknown slot ${e.slot}`);
        const [c, eps] = [slot.control, slot.explore];
        const cf = slot.experiences.find((x) => e.audiences.includes(x.audience))?.id ?? 'baseline';
        const base = e.experience === 'baseline' ? 1 : 0;
        const expected = h * base + (1 - h) * (c * base + eps / (A + 1) + (1 - c - eps) * (e.experience === cf ? 1 : 0));
        const shows = e.arm === 'targeted' ? e.experience === cf : e.arm === 'explore' || base === 1;
        if (e.counterfactual !== cf || !shows || !(Math.abs(e.propensity - expected) < 1e-12)) wrong.push(`${e.slot} ${e.arm} ${e.experience} ${e.counterfactual} ${String(e.propensity)} ≠ ${String(expected)}`);
        if (i === 1) again[e.arm]++;
        checked++;
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(12_000);
    // A slot is decided again at most once: once targeting has an experience, the decision stays.
    expect(most).toBe(2);
    // Decisions are made again in every arm, so each arm's later context is logged alike.
    for (const arm of ['holdout', 'control', 'explore', 'targeted'] as const) expect(again[arm]).toBeGreaterThan(50);
  });

  test('per decision-record context, the shown experiences come up as often as the logged propensities say (χ², 40,000 visitors)', () => {
    const events: CandorEvent[] = [];
    simulateEvents({ scenario: 'journeys', visitors: 40_000, seed: 22 }, (e) => events.push(e));
    const check = (pick: (list: ExposureEvent[]) => ExposureEvent | undefined): { chi2: number; df: number; p: number; maxZ: number; cameToMatch: number } => {
      const contexts = new Map<string, { n: number; actions: Map<string, { count: number; p: number }> }>();
      let cameToMatch = 0;
      let propensities = 0;
      for (const list of exposuresBySlot(events).values()) {
        const e = pick(list);
        if (!e) continue;
        if (e !== list[0]) cameToMatch++;
        const key = `${e.audiences.join(',')}>${e.counterfactual}`;
        let ctx = contexts.get(key);
        if (!ctx) contexts.set(key, (ctx = { n: 0, actions: new Map() }));
        ctx.n++;
        const a = ctx.actions.get(e.experience) ?? { count: 0, p: e.propensity };
        if (a.p !== e.propensity) propensities++; // one propensity per context and action
        a.count++;
        ctx.actions.set(e.experience, a);
      }
      expect(propensities).toBe(0);
      let [chi2, df, maxZ] = [0, 0, 0];
      for (const ctx of contexts.values()) {
        if (ctx.actions.size === 4) expect([...ctx.actions.values()].reduce((t, a) => t + a.p, 0)).toBeCloseTo(1, 12);
        for (const a of ctx.actions.values()) {
          const expected = ctx.n * a.p;
          chi2 += (a.count - expected) ** 2 / expected;
          maxZ = Math.max(maxZ, Math.abs(a.count - expected) / Math.sqrt(expected * (1 - a.p)));
        }
        df += ctx.actions.size - 1;
      }
      return { chi2, df, p: chiSquareSf(chi2, df), maxZ, cameToMatch };
    };
    const record = check(decisionRecord);
    const first = check((list) => list[0]);
    // observed with this seed: decision records χ² = 35.3 on 41 df (p = 0.72), max |z| = 3.1, 13,528 decided again; first exposures χ² = 30.4 on 35 df (p = 0.69), max |z| = 2.2
    expect(record.cameToMatch).toBeGreaterThan(10_000);
    expect(record.p).toBeGreaterThan(0.001);
    expect(record.maxZ).toBeLessThan(4);
    expect(first.p).toBeGreaterThan(0.001);
    expect(first.maxZ).toBeLessThan(4);
  });
});
