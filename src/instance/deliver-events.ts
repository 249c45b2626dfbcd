import { createDispatcher, type Dispatcher } from '../events/create-dispatcher.js';
import { functionSink } from '../events/sinks/function-sink.js';
import { urlSink } from '../events/sinks/url-sink.js';
import { dataLayerSink } from '../events/sinks/data-layer-sink.js';
import { segmentSink } from '../events/sinks/segment-sink.js';
import type { Sink } from '../events/sinks/sink.js';
import type { CandorOptions } from './candor-api.js';

/**
 * The instance's events, to the site's own sinks only (its function, its collector URL, `dataLayer`, Segment), as
 * `options` asks. On a server (no window) only nothing is delivered.
 * @example const dispatcher = deliverEvents({ sink: '/collect' }, window, Date.now)
 */
export function deliverEvents(options: CandorOptions, win: Window | undefined, now: () => number): Dispatcher {
  const sinks: Sink[] = [];
  if (options.onEvent) sinks.push(functionSink(options.onEvent));
  if (win && options.sink) sinks.push(urlSink(options.sink, { win }));
  if (win && options.dataLayer) sinks.push(dataLayerSink(win));
  if (win && options.segment) sinks.push(segmentSink(win));
  return win ? createDispatcher({ sinks, win, now }) : { emit: () => undefined, flush: () => undefined, drainQueue: () => Promise.resolve() };
}
