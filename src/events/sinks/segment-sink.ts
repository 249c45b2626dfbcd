import type { Sink } from './sink.js';

/**
 * A Segment-style sink: `window.analytics.track('Candor <type>', event)` (`Candor exposure`,
 * `Candor conversion`, `Candor trust`) whenever `analytics.track` exists (the Segment snippet's stub counts).
 * @param win the window whose `analytics` receives the events
 */
export function segmentSink(win: Window): Sink {
  return (events) => {
    const analytics = (win as unknown as { analytics?: { track?(name: string, props: object): void } }).analytics;
    if (typeof analytics?.track != 'function') return;
    for (const event of events) analytics.track('Candor ' + event.type, event);
  };
}
