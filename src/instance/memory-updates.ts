/**
 * What the site tells Candor about the visitor, remembered within the visitor's consent: declared attributes
 * (`setAttributes`), topic views (`recordTopic`) and the consent choice itself (`setConsent`). Each changes the stored
 * state through the page view (src/visit) and never throws.
 */

import { tierAllowed } from '../core/consent/consent-state.js';
import type { Tier } from '../core/types.js';
import { capMemory } from '../storage/cap-memory.js';
import { recordInterest } from '../storage/record-interest.js';
import { reportError } from '../util/report-error.js';
import { changeState } from '../visit/continue-visit.js';
import type { Visit } from '../visit/visit.js';

/**
 * Stores `declared.<key>` for keys the config lists in `declare` (relationship tier); reports any other key.
 * @example declareAttributes(visit, { industry: 'healthcare' })
 */
export function declareAttributes(visit: Visit, declared: Record<string, string>): void {
  try {
    const { state, config } = visit;
    if (!state || !config || !tierAllowed('relationship', visit.consent.tier)) return;
    const allowed = config.declare ?? [];
    changeState(visit, (changed) => {
      for (const [key, value] of Object.entries(declared)) {
        if (!allowed.includes(key)) {
          reportError('undeclared-attribute', `setAttributes.${key}`, key);
        } else if (typeof value === 'string' && value.length <= 200) {
          changed.memory.declared[key] = value;
        }
      }
    });
    visit.resetSignals();
  } catch {
    // Ignored: nothing the visitor sees depends on it this page view.
  }
}

/**
 * Records interest in a topic (`interest.<topic>`, inferred tier: only with consent to it).
 * @example recordTopicView(visit, 'pricing', 2, Date.now())
 */
export function recordTopicView(visit: Visit, topic: string, weight: number, at: number): void {
  try {
    if (!tierAllowed('high', visit.consent.tier)) return;
    changeState(visit, (state) => {
      state.memory = recordInterest(state.memory, topic, weight, at);
    });
  } catch {
    // Ignored.
  }
}

/**
 * The visitor's (or site's) consent choice: stored, the cap recomputed, and what is stored above it deleted.
 * @returns whether it changed anything (then listeners hear `change`)
 * @example if (changeConsent(visit, 'low')) emit('change', …)
 */
export function changeConsent(visit: Visit, tier: Tier): boolean {
  try {
    if (!visit.state || !visit.config) return false;
    changeState(visit, (state) => {
      state.consent = tier;
      visit.refreshConsent();
      state.memory = capMemory(state.memory, visit.consent.tier);
    });
    visit.resetSignals();
    return true;
  } catch {
    return false;
  }
}
