import { reportError } from '../util/report-error.js';
import type { CandorEventMap } from './candor-api.js';

/** The instance's own listeners (`candor.on`): a listener that throws is reported and the others still hear. */
export interface Listeners {
  emit: <K extends keyof CandorEventMap>(type: K, value: CandorEventMap[K]) => void;
  /** Adds a listener; returns the function that removes it. */
  on: <K extends keyof CandorEventMap>(type: K, listener: (value: CandorEventMap[K]) => void) => () => void;
}

/**
 * The listeners of one instance.
 * @example const { emit, on } = createListeners(); on('decision', log); emit('decision', decision);
 */
export function createListeners(): Listeners {
  const listeners: { [K in keyof CandorEventMap]?: ((value: CandorEventMap[K]) => void)[] } = {};
  return {
    emit: (type, value) => {
      for (const fn of listeners[type] ?? []) {
        try {
          fn(value);
        } catch (error) {
          reportError('listener-error', `on('${type}')`, error);
        }
      }
    },
    on: (type, listener) => {
      const list = (listeners[type] ??= []) as (typeof listener)[];
      list.push(listener);
      return () => {
        const index = list.indexOf(listener);
        if (index >= 0) list.splice(index, 1);
      };
    },
  };
}
