import { signalTier } from '../signals/signal-tiers.js';
import type { Audience, SignalUse, Signals, Tier } from '../types.js';
import { own } from './own-key.js';

/** Tier lookups, memoized: signal names come from configs, so the map stays small. */
const tiers = new Map<string, Tier | undefined>();
function tierOf(name: string): Tier | undefined {
  if (!tiers.has(name)) {
    if (tiers.size > 1000) tiers.clear();
    tiers.set(name, signalTier(name));
  }
  return tiers.get(name);
}

/** Every signal an audience's rule reads, with this browser's value and its tier. */
export function signalUses(audience: Audience | undefined, signals: Signals): SignalUse[] {
  const uses: SignalUse[] = [];
  if (!audience) return uses;
  for (const name of audience.signals) uses.push({ name, value: own(signals, name), tier: tierOf(name) ?? audience.tier });
  return uses;
}
