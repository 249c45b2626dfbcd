import type { SignalValue } from '../../core/types.js';
import type { SignalReader } from '../signal-reader.js';

/** `declared.<key>`: what the visitor told the site, only for keys the config's `declare` allows. */
export const declaredReader: SignalReader = {
  name: 'declared',
  tier: 'relationship',
  read({ declareKeys, memory }) {
    const out: Record<string, SignalValue> = {};
    for (const key of declareKeys) {
      const v = memory.declared[key];
      if (typeof v === 'string') out['declared.' + key] = v;
    }
    return out;
  },
};
