import type { SignalValue, Tier } from '../core/types.js';
import type { SignalEnv } from './signal-env.js';

/** Reads one family of signals from the environment. Every name it returns has the reader's tier in the signal catalog. */
export interface SignalReader {
  /** The family, e.g. `referrer`. Visitor-facing labels are per signal, in the signal catalog. */
  name: string;
  tier: Tier;
  /** Dotted signal names to values; undefined values are left out of the snapshot. May throw: {@link readSignals} contains it. */
  read(env: SignalEnv): Record<string, SignalValue | undefined>;
}
