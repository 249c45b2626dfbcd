import type { SignalValue } from '../../core/types.js';
import { campaignParams } from '../campaign-params.js';
import type { SignalReader } from '../signal-reader.js';

/**
 * `utm.source|medium|campaign|term|content` (values cut to 200 characters): from this page's URL when it carries
 * campaign parameters, else from the session's landing URL, so they last the whole visit.
 */
export const utmReader: SignalReader = {
  name: 'utm',
  tier: 'low',
  read(env) {
    const p = campaignParams(env);
    const out: Record<string, SignalValue> = {};
    for (const k of ['source', 'medium', 'campaign', 'term', 'content']) {
      const v = p.get('utm_' + k);
      if (v) out['utm.' + k] = v.slice(0, 200);
    }
    return out;
  },
};
