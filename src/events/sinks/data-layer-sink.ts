import type { Sink } from './sink.js';

/**
 * A Google Tag Manager sink: pushes `{ event: 'candor_<type>', candor: <event> }` to `window.dataLayer`
 * (`candor_exposure`, `candor_conversion`, `candor_trust`). The array is created only when the site
 * configured this sink and GTM has not made it yet.
 * @param win the window whose `dataLayer` receives the events
 */
export function dataLayerSink(win: Window): Sink {
  return (events) => {
    const w = win as unknown as { dataLayer?: unknown[] };
    const layer = (w.dataLayer ??= []);
    for (const event of events) layer.push({ event: 'candor_' + event.type, candor: event });
  };
}
