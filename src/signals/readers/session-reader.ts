import type { SignalReader } from '../signal-reader.js';

/** `session.pageviews` and `session.landingPath` of the current visit (a visit ends after 30 minutes without activity). */
export const sessionReader: SignalReader = {
  name: 'session',
  tier: 'low',
  read({ memory: { session } }) {
    return session.start ? { 'session.pageviews': session.pageviews, 'session.landingPath': session.landingPath } : {};
  },
};
