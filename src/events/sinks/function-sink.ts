import type { CandorEvent } from '../../core/types.js';
import type { Sink } from './sink.js';

/**
 * A sink that calls the site's function once per event (the `onEvent` option).
 * @example functionSink((event) => console.log(event.type, event))
 */
export function functionSink(fn: (event: CandorEvent) => void): Sink {
  return (events) => {
    for (const event of events) fn(event);
  };
}
