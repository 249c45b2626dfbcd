import type { SignalValue } from '../../core/types.js';
import type { SignalReader } from '../signal-reader.js';

/** `url.host` (hostname), `url.path`, and `query.<name>` for up to 20 link parameters (values cut to 200 characters; names with dots skipped). */
export const urlReader: SignalReader = {
  name: 'url',
  tier: 'low',
  read(env) {
    const u = new URL(env.url);
    const out: Record<string, SignalValue> = { 'url.host': u.hostname, 'url.path': u.pathname };
    let n = 0;
    for (const [k, v] of u.searchParams) if (k && !k.includes('.') && n++ < 20) out['query.' + k] = v.slice(0, 200);
    return out;
  },
};
