import type { ConsentState, Signals, StickyAssignment, ValidConfig } from '../types.js';

/** Everything one decision depends on. Nothing else is read: no clock, no randomness, no browser. */
export interface DecideInput {
  config: ValidConfig;
  slot: string;
  /** The visitor's first-party random id (the randomization unit). */
  visitorId: string;
  /** The signal snapshot, read within the consent cap. Treated as immutable: build a new object for new values. */
  signals: Signals;
  consent: ConsentState;
  /** The visitor's stored assignment for this slot, if any. */
  sticky?: StickyAssignment;
  /** QA: an experience id of this slot (or `baseline`) to show regardless of arms; never counted. */
  forced?: string;
}
