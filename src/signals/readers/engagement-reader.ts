import type { SignalReader } from '../signal-reader.js';

/** `engagement.scrollDepth` (deepest scroll this visit, 0–100) and `engagement.activeSeconds` (active time on this site). */
export const engagementReader: SignalReader = {
  name: 'engagement',
  tier: 'high',
  read: ({ memory: { engagement: e } }) => ({ 'engagement.scrollDepth': e.scrollDepth, 'engagement.activeSeconds': e.activeSeconds }),
};
