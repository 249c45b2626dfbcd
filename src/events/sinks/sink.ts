import type { CandorEvent } from '../../core/types.js';

/**
 * Where events go. A sink receives events and either returns nothing (in-page sinks) or a promise of
 * "delivered" (URL sinks). The dispatcher calls in-page sinks once per event, immediately, and batches
 * for sinks marked `batched`. Sinks may throw; the dispatcher isolates them.
 */
export interface Sink {
  /**
   * @param events the events, oldest first
   * @param exiting the page is being hidden or left: send now, in a way that survives unload
   */
  (events: readonly CandorEvent[], exiting?: boolean): Promise<boolean> | undefined;
  /** Buffer events for this sink and flush them in batches (URL sinks). */
  batched?: boolean;
  /** Send what an earlier page view could not deliver. Never rejects. */
  drain?: () => Promise<void>;
}
