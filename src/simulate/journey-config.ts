import type { Config } from '../core/types.js';
import { JOURNEY_AUDIENCES, JOURNEY_EXPERIENCES, type JourneyScenario } from './journeys.js';
import type { SimulationDesign } from './simulation-config.js';

const SLOT_NAMES = ['hero', 'pricing', 'footer'];

/**
 * The site config a journey scenario runs under: the audiences of JOURNEY_AUDIENCES (`managers` from the campaign,
 * `docs-readers` from `pages.docs`, `returning`, and the shadow `from-search`), one or more slots with one experience
 * per targeted audience (the hero's drive conversions), the goals, and the self-identification prompt whose answers
 * are the true segments.
 * @example const config = journeyConfig(JOURNEY_SCENARIOS.journeys, { slots: 2 });
 */
export function journeyConfig(scenario: JourneyScenario, design: SimulationDesign = {}): Config {
  const slots: Config['slots'] = {};
  const count = Math.max(1, Math.floor(design.slots ?? 1));
  for (let i = 0; i < count; i++) {
    const name = SLOT_NAMES[i] ?? `slot-${i + 1}`;
    slots[name] = {
      control: design.control ?? 0.1,
      explore: design.explore ?? 0.1,
      experiences: JOURNEY_EXPERIENCES.map((e) => ({ id: i === 0 ? e.id : `${name}-${e.audience}`, audience: e.audience })),
    };
  }
  const audiences: Config['audiences'] = {};
  for (const a of JOURNEY_AUDIENCES) audiences[a.id] = { when: a.when, reason: a.reason, label: a.label, ...(a.shadow ? { shadow: true } : {}) };
  return {
    v: 1,
    version: 'sim-journeys-1',
    salt: 'sim-journeys-2026q1',
    holdout: design.holdout ?? 0.05,
    consent: { default: 'relationship', withGpc: 'low' },
    sections: { docs: '/docs' },
    audiences,
    slots,
    goals: { signup: { path: '/thanks' }, newsletter: { path: '/subscribed' } },
    ask: {
      key: 'role',
      question: 'Which best describes you?',
      options: scenario.segments.map((s) => s.id),
      share: 0.02,
      segments: { developer: ['docs-readers'], manager: ['managers'] },
    },
  };
}
