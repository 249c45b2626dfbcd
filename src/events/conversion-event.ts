import type { ConversionEvent } from '../core/types.js';

/**
 * A conversion event. `value` is kept only when it is a finite number.
 * @param visitorId the anonymous visitor id
 * @param goal the goal name
 * @param value optional value (e.g. revenue); omitted when undefined or not finite
 * @param id a fresh event id
 * @param now milliseconds since the epoch
 */
export function conversionEvent(visitorId: string, goal: string, value: number | undefined, id: string, now: number): ConversionEvent {
  const event: ConversionEvent = { v: 1, type: 'conversion', id, visitorId, ts: Math.round(now), goal };
  if (typeof value == 'number' && isFinite(value)) event.value = value;
  return event;
}
