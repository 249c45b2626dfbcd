/**
 * Simulated event logs for comparing the aggregation engines: Candor's own simulator (real decisions, propensities,
 * duplicates, conversions before exposures) plus what it does not make on its own: several salts and config versions,
 * re-decisions and re-logged exposures, same-millisecond ties, conversions at and past the window's edge, more
 * conversions than the cap, values, several and forced answers, GPC exposures, trust events with and without a slot,
 * visitors without exposure, and invalid rows.
 */
import type { Config } from '../../../src/core/types.js';
import { seededRandom } from '../../../src/simulate/prng.js';
import { simulateEvents } from '../../../src/simulate/simulate-events.js';

/** One event as a plain object (invalid ones included, as a collector might store them). */
export type LooseEvent = Record<string, unknown>;

/** A simulated log and the settings to aggregate it with. */
export interface Dataset {
  seed: number;
  config: Config;
  events: LooseEvent[];
  windowDays: number;
  maxConversionsPerGoal: number;
}

const DAY = 86_400_000;
const SCENARIOS = ['aa', 'losing-experience', 'wrong-categories', 'poor-signals'] as const;

/**
 * The dataset of one seed (the same seed, the same events).
 * @example const { events, windowDays } = dataset(7);
 */
export function dataset(seed: number): Dataset {
  const random = seededRandom(`engines-${String(seed)}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const windowDays = pick([1, 3, 7, 7, 14]);
  const maxConversionsPerGoal = pick([2, 4, 16]);
  const base: LooseEvent[] = [];
  const { config } = simulateEvents(
    {
      scenario: pick(SCENARIOS),
      visitors: 60 + Math.floor(random() * 160),
      seed,
      design: { slots: 1 + Math.floor(random() * 3), holdout: pick([0.05, 0.2]), control: pick([0.1, 0.3]), explore: pick([0.1, 0.3]) },
      duplicateRate: pick([0, 0.02, 0.1]),
      reexposures: pick([0, 0, 1, 2]),
      askShare: pick([0.02, 0.3]),
      extraConversions: pick([0, 1]),
    },
    (e) => base.push({ ...e }),
  );

  const out: LooseEvent[] = [];
  const exposuresOf = new Map<string, LooseEvent[]>();
  // Some visitors match no audience at first: targeting had nothing to show them.
  const unmatched = new Map<string, boolean>();
  for (const e of base) {
    if (e.type === 'exposure') {
      const v = String(e.visitorId);
      if (!unmatched.has(v)) unmatched.set(v, chance(0.2));
      if (unmatched.get(v) === true) Object.assign(e, { counterfactual: 'baseline', audiences: [], ...(e.arm === 'targeted' ? { experience: 'baseline' } : {}) });
    }
    out.push(e);
    if (e.type === 'exposure') exposuresOf.set(String(e.visitorId), [...(exposuresOf.get(String(e.visitorId)) ?? []), e]);
  }
  let n = 0;
  const id = (): string => `x${String(seed)}-${String(n++)}`;
  const later: LooseEvent[] = [];
  for (const [visitorId, exposures] of exposuresOf) {
    const first = exposures[0];
    if (!first) continue;
    const t0 = Number(first.ts);
    // A new period (salt) or a new config version, days later, for some visitors.
    if (chance(0.15)) for (const e of exposures) later.push({ ...e, id: id(), salt: 'q2', ts: Number(e.ts) + 10 * DAY });
    if (chance(0.15)) for (const e of exposures) later.push({ ...e, id: id(), configVersion: 'v2', ts: Number(e.ts) + DAY, arm: 'explore', experience: 'baseline' });
    // Another decision at the very same millisecond (and a copy of it).
    if (chance(0.05)) {
      const tie = { ...first, id: id(), arm: pick(['control', 'explore', 'targeted', 'holdout']), experience: pick(['baseline', 'dev-hero', 'Zed', 'zed']) };
      later.push(tie, { ...tie, id: id() });
    }
    // Decided again when the visitor came to match an audience: a later exposure whose counterfactual is an
    // experience (sometimes two, sometimes re-sent), after a first exposure that had nothing to show.
    for (const e of exposures) {
      if (e.counterfactual !== 'baseline' || !chance(0.3)) continue;
      const audience = pick(['developers', 'managers', 'ops']);
      const again = { ...e, id: id(), ts: Number(e.ts) + Math.floor(random() * 4 * DAY), arm: pick(['targeted', 'control', 'explore']), experience: pick(['baseline', `${String(e.slot)}-x`]), counterfactual: `${String(e.slot)}-x`, audiences: [audience], propensity: pick([0.8, 0.1]) };
      later.push(again);
      if (chance(0.3)) later.push({ ...again, id: id() });
      if (chance(0.3)) later.push({ ...again, id: id(), ts: again.ts + DAY, counterfactual: `${String(e.slot)}-y` });
    }
    // GPC: the same visitor's exposure elsewhere logged with gpc and no audiences.
    if (chance(0.05)) later.push({ ...first, id: id(), slot: 'Z-gpc', gpc: true, audiences: [], tier: 'low' });
    // Conversions exactly at the window's edge, just past it, before the exposure, and with values.
    if (chance(0.05)) later.push({ v: 1, type: 'conversion', id: id(), visitorId, ts: t0 + windowDays * DAY, goal: 'edge' });
    if (chance(0.05)) later.push({ v: 1, type: 'conversion', id: id(), visitorId, ts: t0 + windowDays * DAY + 1, goal: 'edge' });
    if (chance(0.05)) later.push({ v: 1, type: 'conversion', id: id(), visitorId, ts: t0 - 1, goal: 'signup' });
    if (chance(0.1)) later.push({ v: 1, type: 'conversion', id: id(), visitorId, ts: t0 + Math.floor(random() * 3 * DAY), goal: 'revenue', value: Math.floor(random() * 400) / 4 });
    // More conversions than the cap, some at the same time with other values, some re-sent.
    if (chance(0.03)) {
      for (let k = 0; k < 20; k++) {
        const c = { v: 1, type: 'conversion', id: id(), visitorId, ts: t0 + 1000 * (k % 7), goal: 'click', value: k % 3 };
        later.push(c);
        if (k % 4 === 0) later.push({ ...c, id: id() });
      }
    }
    // Answers: several, at the same time, and forced ones.
    if (chance(0.05)) {
      const ts = t0 + 5000;
      later.push({ v: 1, type: 'trust', id: id(), visitorId, ts, kind: 'ask_answered', key: 'role', answer: pick(['developer', 'manager', 'ops']) });
      later.push({ v: 1, type: 'trust', id: id(), visitorId, ts: chance(0.5) ? ts : ts - 1, kind: 'ask_answered', key: 'role', answer: pick(['developer', 'Manager', 'ops']), forced: true });
    }
    if (chance(0.03)) later.push({ v: 1, type: 'trust', id: id(), visitorId, ts: t0 + 1, kind: pick(['personalize_again', 'ask_dismissed', 'show_standard']), ...(chance(0.5) ? { slot: String(first.slot) } : {}) });
  }
  // Visitors with conversions or trust events only.
  for (let k = 0; k < 5; k++) later.push({ v: 1, type: 'conversion', id: id(), visitorId: `ghost-${String(k)}`, ts: Date.UTC(2026, 0, 6), goal: 'signup' });
  later.push({ v: 1, type: 'trust', id: id(), visitorId: 'ghost-t', ts: Date.UTC(2026, 0, 6), kind: 'explanation_opened' });
  // Invalid rows a collector could still store: unknown type or kind, missing or empty fields, a propensity out of range, a bad arm.
  const some = base.find((e) => e.type === 'exposure') ?? {};
  later.push(
    { v: 1, type: 'pageview', id: id(), visitorId: 'x', ts: 1 },
    { ...some, id: id(), visitorId: '' },
    { ...some, id: id(), propensity: 0 },
    { ...some, id: id(), propensity: 1.5 },
    { ...some, id: id(), arm: 'bogus' },
    { v: 1, type: 'conversion', id: id(), visitorId: 'x', ts: 5 },
    { v: 1, type: 'trust', id: id(), visitorId: 'x', ts: 5, kind: 'shrug' },
    { v: 1, type: 'trust', id: id(), visitorId: 'x', ts: 5, kind: 'ask_answered', key: 'role' },
  );
  // Spread the extra events through the log.
  for (const e of later) out.splice(Math.floor(random() * (out.length + 1)), 0, e);
  return { seed, config, events: out, windowDays, maxConversionsPerGoal };
}

const FLAT: readonly (readonly [column: string, field: string])[] = [
  ['v', 'v'],
  ['type', 'type'],
  ['id', 'id'],
  ['visitor_id', 'visitorId'],
  ['ts', 'ts'],
  ['decision_id', 'decisionId'],
  ['slot', 'slot'],
  ['config_version', 'configVersion'],
  ['hash_version', 'hashVersion'],
  ['salt', 'salt'],
  ['arm', 'arm'],
  ['experience', 'experience'],
  ['counterfactual', 'counterfactual'],
  ['propensity', 'propensity'],
  ['eligible', 'eligible'],
  ['audiences', 'audiences'],
  ['tier', 'tier'],
  ['gpc', 'gpc'],
  ['goal', 'goal'],
  ['value', 'value'],
  ['kind', 'kind'],
  ['key', 'key'],
  ['answer', 'answer'],
  ['forced', 'forced'],
];

const csvField = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const pgArray = (xs: unknown[]): string => `{${xs.map((x) => `"${String(x).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/**
 * The events as CSV rows of the flat table (PostgreSQL's `\copy … csv`: arrays as array literals, absent fields empty).
 * @example writeFileSync('events.csv', flatCsv(events));
 */
export function flatCsv(events: readonly LooseEvent[]): string {
  return events
    .map((e) =>
      FLAT.map(([, field]) => {
        const v = e[field];
        if (v === undefined || v === null) return '';
        if (Array.isArray(v)) return csvField(pgArray(v));
        return csvField(typeof v === 'string' ? v : JSON.stringify(v));
      }).join(','),
    )
    .join('\n')
    .concat('\n');
}
