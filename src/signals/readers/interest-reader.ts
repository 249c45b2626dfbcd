import type { SignalValue } from '../../core/types.js';
import { decayedInterest } from '../../storage/decayed-interest.js';
import type { SignalReader } from '../signal-reader.js';

/** `interest.<topic>`: topic scores from views and clicks, halving every 14 days, computed at `now` (3 decimals). */
export const interestReader: SignalReader = {
  name: 'interest',
  tier: 'high',
  read({ memory, now }) {
    const out: Record<string, SignalValue> = {};
    for (const [topic, entry] of Object.entries(memory.interest)) out['interest.' + topic] = decayedInterest(entry, now);
    return out;
  },
};
