import type { TrustEvent, TrustKind } from '../core/types.js';

export { exposureEvent } from './exposure-event.js';
export { conversionEvent } from './conversion-event.js';

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
