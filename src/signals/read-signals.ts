import { TIERS, type Signals, type SignalValue, type Tier } from '../core/types.js';
import type { SignalEnv } from './signal-env.js';
import type { SignalReader } from './signal-reader.js';

/** Signal families read by a reader of another name (`query.*` comes from the `url` reader). */
const READER_OF: Record<string, string> = { query: 'url' };

/**
 * The readers a config needs, from the signal names its rules read (`utm.campaign` → `utm`, `query.ref` → `url`).
 * @example readersFor(['utm.campaign', 'pages.docs']) // Set { 'utm', 'pages' }
 */
export function readersFor(signalNames: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const signal of signalNames) {
    const family = signal.split('.')[0] ?? '';
    names.add(READER_OF[family] ?? family);
  }
  return names;
}

/**
 * Builds the signal snapshot. Readers above the consent cap are not called at all, nor readers outside `only` (the
 * readers the config's rules need: nothing is read that no rule uses); a reader that throws contributes nothing and
 * never affects the others. Never throws.
 * @example const signals = readSignals(DEFAULT_READERS, browserSignalEnv(window, state.memory, config, Date.now()), 'relationship')
 */
export function readSignals(readers: readonly SignalReader[], env: SignalEnv, cap: Tier, only?: ReadonlySet<string>): Signals {
  const out: Record<string, SignalValue> = {};
  for (const reader of readers) {
    if (TIERS.indexOf(reader.tier) > TIERS.indexOf(cap) || (only && !only.has(reader.name))) continue;
    try {
      for (const [name, value] of Object.entries(reader.read(env))) if (value !== undefined) out[name] = value;
    } catch {
      // A missing API or odd input: this reader yields nothing.
    }
  }
  return out;
}
