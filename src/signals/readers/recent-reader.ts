import type { SignalReader } from '../signal-reader.js';

/** `recent.pages`: the last 10 distinct paths viewed on this site, most recent first. */
export const recentReader: SignalReader = {
  name: 'recent',
  tier: 'relationship',
  read: ({ memory }) => ({ 'recent.pages': [...memory.recent] }),
};
