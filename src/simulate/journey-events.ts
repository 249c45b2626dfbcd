import { decide, toSticky } from '../core/decide/decide.js';
import type { CandorEvent, ConsentState, ExposureEvent, StickyAssignment, ValidConfig } from '../core/types.js';
import { eventQueue, exposureOf } from './event-queue.js';
import { journeyPageViews, sampleJourney, type JourneyAction, type JourneyScenario } from './journeys.js';
import { seededRandom } from './prng.js';
import type { SimulateOptions } from './simulate-events.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The events of a journey scenario. Each visitor's page views are decided by Candor's own `decide` with the stored
 * assignment of the page view before (`toSticky`), as the SDK does; every new decision (a new `decisionId`: the
 * first page view, and the page view where a visitor who matched nothing comes to match) is logged as an exposure.
 * Docs pages follow the arrival within minutes, a return visit comes 2 hours to 3 days later; `signup` converts with
 * the probability of the visitor's segment and of what the hero shows at the end of the journey, at a time between
 * the last page view and 6.9 days after the first (inside the conversion window of every exposure), and a few
 * conversions fall more than 7 days after the last page view (outside every window).
 */
export function* journeyEvents(options: SimulateOptions, scenario: JourneyScenario, valid: ValidConfig, slotNames: string[]): Generator<CandorEvent> {
  const random = seededRandom(options.seed ?? 1);
  const start = options.startTs ?? Date.UTC(2026, 0, 5);
  const spread = (options.days ?? 28) * DAY_MS;
  const askShare = options.askShare ?? 0.02;
  const extra = Math.max(0, Math.floor(options.extraConversions ?? 0));
  const reexpose = Math.max(0, Math.floor(options.reexposures ?? 0));
  const drop = options.dropExposures;
  const consent: ConsentState = { tier: 'relationship', gpc: false };
  const queue = eventQueue(random, options.duplicateRate ?? 0.01);
  const heroSlot = slotNames[0] ?? 'hero';

  for (let i = 0; i < options.visitors; i++) {
    const visitorId = 'v' + Math.floor(random() * 4294967296).toString(36) + Math.floor(random() * 4294967296).toString(36);
    const path = sampleJourney(scenario, random);
    const segment = scenario.segments[path.segment];
    if (!segment) throw new Error(`Scenario ${scenario.name} has no segment ${String(path.segment)}.`);
    const first = start + Math.floor(random() * spread);

    const stored: Record<string, StickyAssignment> = {};
    const logged: Record<string, string> = {};
    const exposures: ExposureEvent[] = [];
    let heroAction = 'baseline';
    let ts = first;
    for (const [k, view] of journeyPageViews(path).entries()) {
      if (k > 0) ts = view.kind === 'return' ? first + 2 * HOUR_MS + Math.floor(random() * (3 * DAY_MS - 2 * HOUR_MS)) : ts + 30_000 + Math.floor(random() * 270_000);
      slotNames.forEach((slot, s) => {
        const d = decide({ config: valid, slot, visitorId, signals: view.signals, consent, sticky: stored[slot] });
        stored[slot] = toSticky(d);
        if (slot === heroSlot) heroAction = d.experience;
        if (d.decisionId === logged[slot]) return; // the same decision: the SDK logs nothing new
        logged[slot] = d.decisionId;
        if (d.arm === drop?.arm && random() < drop.share) return;
        exposures.push(exposureOf(d, visitorId, queue.newId(), ts + s * 1000, consent.tier));
      });
    }
    const last = ts + slotNames.length * 1000; // after the last exposure

    const later: CandorEvent[] = [];
    for (let k = 1; k <= reexpose; k++) for (const e of exposures) later.push({ ...e, id: queue.newId(), ts: e.ts + k * DAY_MS });
    const conversion = (goal: string, at: number): void => {
      later.push({ v: 1, type: 'conversion', id: queue.newId(), visitorId, ts: at, goal });
    };
    const inWindow = (): number => last + Math.floor(random() * (first + 6.9 * DAY_MS - last));
    if (random() < segment.rates[heroAction as JourneyAction]) conversion('signup', inWindow());
    if (random() < 0.005) conversion('signup', last + Math.floor((8 + random() * 4) * DAY_MS)); // outside every window
    if (random() < scenario.newsletterRate) conversion('newsletter', inWindow());
    for (let k = 0; k < extra; k++) conversion('page-engaged', inWindow());
    const trust = (kind: 'explanation_opened' | 'show_standard' | 'forget', slot?: string): void => {
      const e: CandorEvent = { v: 1, type: 'trust', id: queue.newId(), visitorId, ts: first + 2000, kind };
      if (slot !== undefined) e.slot = slot;
      later.push(e);
    };
    if (random() < 0.03) trust('explanation_opened', heroSlot);
    if (random() < 0.005) trust('show_standard', heroSlot);
    if (random() < 0.002) trust('forget');
    if (random() < askShare) later.push({ v: 1, type: 'trust', id: queue.newId(), visitorId, ts: first + 3000, kind: 'ask_answered', key: 'role', answer: segment.id });

    // A few visitors' conversions reach the file before their exposures.
    const [before, after] = random() < 0.05 ? [later, exposures] : [exposures, later];
    for (const e of before) queue.send(e);
    for (const e of after) queue.send(e);
    yield* queue.take();
  }
  yield* queue.rest();
}
