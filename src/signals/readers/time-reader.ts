import type { SignalReader } from '../signal-reader.js';

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `time.hour` (0–23) and `time.weekday` (`monday` … `sunday`) in the visitor's local time, from `now` and the time zone offset. */
export const timeReader: SignalReader = {
  name: 'time',
  tier: 'low',
  read(env) {
    if (env.timezoneOffsetMinutes === undefined) return {};
    const local = new Date(env.now - env.timezoneOffsetMinutes * 6e4);
    return { 'time.hour': local.getUTCHours(), 'time.weekday': DAYS[local.getUTCDay()] };
  },
};
