import type { SignalReader } from '../signal-reader.js';

const days = (now: number, then: number): number | undefined => (then ? Math.floor(Math.max(0, now - then) / 864e5) : undefined);

/** `visit.count` (page views), `visit.sessions`, `visit.returning`, `visit.daysSinceFirst`, `visit.daysSinceLast` (since the previous visit; absent on the first). */
export const visitReader: SignalReader = {
  name: 'visit',
  tier: 'relationship',
  read({ memory: { visits: v }, now }) {
    return v.count
      ? {
          'visit.count': v.count,
          'visit.sessions': v.sessions,
          'visit.returning': v.sessions > 1,
          'visit.daysSinceFirst': days(now, v.first),
          'visit.daysSinceLast': days(now, v.last),
        }
      : {};
  },
};
