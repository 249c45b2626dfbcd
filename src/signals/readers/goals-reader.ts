import type { SignalValue } from '../../core/types.js';
import type { SignalReader } from '../signal-reader.js';

/** `goals.<goal>`: times each goal was reached (absent when never). */
export const goalsReader: SignalReader = {
  name: 'goals',
  tier: 'relationship',
  read({ memory }) {
    const out: Record<string, SignalValue> = {};
    for (const goal in memory.goals) out['goals.' + goal] = memory.goals[goal] ?? 0;
    return out;
  },
};
