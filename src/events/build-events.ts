import type { ConversionEvent, TrustEvent, TrustKind } from '../core/types.js';

export { exposureEvent } from './exposure-event.js';

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

/** Optional details of a trust event. */
export interface TrustExtra {
  slot?: string;
  configVersion?: string;
  /** `ask_answered` only: the declared key. */
  key?: string;
  /** `ask_answered` only: the chosen option value. */
  answer?: string;
  /** `ask_answered` / `ask_dismissed`: the prompt was forced (`?candor-ask`), not randomly invited. */
  forced?: boolean;
}

/**
 * A trust event (the visitor used a transparency control). Only the known string details are copied.
 * @param visitorId the anonymous visitor id
 * @param kind what the visitor did
 * @param id a fresh event id
 * @param now milliseconds since the epoch
 * @param extra slot, config version, and for `ask_answered` the key and answer
 */
export function trustEvent(visitorId: string, kind: TrustKind, id: string, now: number, extra: TrustExtra = {}): TrustEvent {
  const event: TrustEvent = { v: 1, type: 'trust', id, visitorId, ts: Math.round(now), kind };
  for (const k of ['slot', 'configVersion', 'key', 'answer'] as const) {
    const x = extra[k];
    if (typeof x == 'string') event[k] = x;
  }
  if (extra.forced === true) event.forced = true;
  return event;
}
