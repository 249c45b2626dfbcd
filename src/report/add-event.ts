import type { AggregationState } from './aggregation-state.js';
import { addConversion } from './conversion-records.js';
import { finite, isStr } from './event-field-guards.js';
import { addExposure } from './exposure-records.js';
import { saneTs } from './time-window.js';
import { addTrust } from './trust-records.js';

/**
 * Adds one parsed event to the aggregation: an exposure, conversion or trust event with a visitor id and a sane
 * time is stored and counted by type; anything else is counted as invalid (and in `timeOutOfRange` for a bad time).
 * @example addEvent(state, JSON.parse(line))
 */
export function addEvent(state: AggregationState, event: unknown): void {
  const input = state.input;
  if (typeof event !== 'object' || event === null) {
    input.invalid++;
    return;
  }
  const e = event as Record<string, unknown>;
  const { type, visitorId, ts } = e;
  let ok = false;
  if (finite(ts) && !saneTs(ts, state.now)) input.timeOutOfRange++;
  else if (isStr(visitorId) && visitorId !== '' && finite(ts)) {
    if (type === 'exposure') ok = addExposure(state.exposures, e, visitorId, ts) && ++input.events.exposure > 0;
    else if (type === 'conversion') ok = addConversion(state.conversions, e, visitorId, ts) && ++input.events.conversion > 0;
    else if (type === 'trust') ok = addTrust(state.trust, e, visitorId, ts) && ++input.events.trust > 0;
  }
  if (!ok) input.invalid++;
}
