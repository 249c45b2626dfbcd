import type { SignalValue } from '../../core/types.js';
import type { SignalReader } from '../signal-reader.js';

/** `pages.<section>`: page views in each configured section (0 when none). */
export const pagesReader: SignalReader = {
  name: 'pages',
  tier: 'relationship',
  read({ sections, memory }) {
    const out: Record<string, SignalValue> = {};
    for (const name in sections) out['pages.' + name] = memory.pages[name] ?? 0;
    return out;
  },
};
