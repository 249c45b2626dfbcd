import { validateConfig } from '../core/config/validate-config.js';
import type { Config, ValidConfig } from '../core/types.js';
import { SEGMENTS } from './scenarios.js';

/** The design shares of a simulation. */
export interface SimulationDesign {
  /** Global holdout share. Default 0.05. */
  holdout?: number;
  /** Per-slot control share. Default 0.1. */
  control?: number;
  /** Per-slot exploration share. Default 0.1. */
  explore?: number;
  /** Number of slots: `hero` (whose content drives conversions), then `pricing`, `footer`, `slot-4`… Default 1. */
  slots?: number;
  /** Extra shadow audiences `shadow-1` … `shadow-k` (from the signals `query.s1` … being `"yes"`). Default 0. */
  shadowAudiences?: number;
}

const SLOT_NAMES = ['hero', 'pricing', 'footer'];

/**
 * The site config a simulation runs under: three targeted audiences guessed from the campaign, the shadow
 * audience `returning`, one or more slots with one experience per segment, the goals, and the
 * self-identification prompt (2 % of visitors) whose answers map to the audiences; optionally extra unrelated shadow
 * audiences.
 * @example const config = simulationConfig({ slots: 1 }); // write it with --config-out for `candor report --config`
 */
export function simulationConfig(design: SimulationDesign = {}): Config {
  const slots: Config['slots'] = {};
  const count = Math.max(1, Math.floor(design.slots ?? 1));
  for (let i = 0; i < count; i++) {
    const name = SLOT_NAMES[i] ?? `slot-${i + 1}`;
    slots[name] = {
      control: design.control ?? 0.1,
      explore: design.explore ?? 0.1,
      experiences: SEGMENTS.map((s) => ({ id: i === 0 ? s.experience : `${name}-${s.id}`, audience: s.audience })),
    };
  }
  const audiences: Config['audiences'] = {};
  for (const s of SEGMENTS) {
    audiences[s.audience] = { when: { 'utm.campaign': s.campaign }, reason: `You came here from our campaign for ${s.label}.`, label: s.label };
  }
  audiences.returning = { when: { 'visit.returning': true }, reason: 'You have visited this site before.', shadow: true, label: 'returning visitors' };
  for (let i = 1; i <= Math.max(0, Math.floor(design.shadowAudiences ?? 0)); i++) {
    audiences[`shadow-${i}`] = { when: { [`query.s${i}`]: 'yes' }, reason: `You followed a link marked s${i}.`, shadow: true, label: `shadow audience ${i}` };
  }
  return {
    v: 1,
    version: 'sim-1',
    salt: 'sim-2026q1',
    holdout: design.holdout ?? 0.05,
    consent: { default: 'relationship', withGpc: 'low' },
    audiences,
    slots,
    goals: { signup: { path: '/thanks' }, newsletter: { path: '/subscribed' } },
    ask: {
      key: 'role',
      question: 'Which best describes you?',
      options: SEGMENTS.map((s) => s.id),
      share: 0.02,
      segments: Object.fromEntries(SEGMENTS.map((s) => [s.id, [s.audience]])),
    },
  };
}

/**
 * The validated form of a simulation config, through Candor's own `validateConfig` (so audiences get the tiers and
 * signal lists the SDK would compute). Throws with the problems if the simulation's config were ever invalid.
 */
export function validSimulationConfig(config: Config): ValidConfig {
  const { config: valid, errors } = validateConfig(config);
  if (!valid || errors.length > 0) throw new Error(`The simulation config is invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return valid;
}
