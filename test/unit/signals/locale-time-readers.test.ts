import { describe, expect, it } from 'vitest';
import { localeReader } from '../../../src/signals/readers/locale-reader.js';
import { timeReader } from '../../../src/signals/readers/time-reader.js';
import { makeEnv, MONDAY_NOON_UTC } from './make-env.js';

describe('localeReader', () => {
  it.each([
    ['Europe/Berlin', 'Europe'],
    ['America/Argentina/Buenos_Aires', 'America'],
    ['Asia/Tokyo', 'Asia'],
    ['Australia/Sydney', 'Australia'],
    ['Pacific/Auckland', 'Pacific'],
    ['UTC', undefined],
    ['Etc/GMT+2', undefined],
  ])('time zone %s → region %s', (timeZone, region) => {
    expect(localeReader.read(makeEnv({ timeZone }))['locale.region']).toBe(region);
  });

  it('reads language and preferred languages as the browser lists them', () => {
    expect(localeReader.read(makeEnv({ language: 'de-DE', languages: ['de-DE', 'de', 'en-US', 'en'], timeZone: 'Europe/Berlin' }))).toEqual({
      'locale.language': 'de-DE',
      'locale.languages': ['de-DE', 'de', 'en-US', 'en'],
      'locale.timezone': 'Europe/Berlin',
      'locale.region': 'Europe',
    });
  });
});

describe('timeReader', () => {
  // MONDAY_NOON_UTC is Monday 5 January 2026, 12:30 UTC (winter: no daylight saving north of the equator).
  it.each([
    ['Berlin (UTC+1)', -60, MONDAY_NOON_UTC, 13, 'monday'],
    ['New York (UTC−5)', 300, MONDAY_NOON_UTC, 7, 'monday'],
    ['Tokyo (UTC+9)', -540, MONDAY_NOON_UTC, 21, 'monday'],
    ['Auckland in summer (UTC+13), past midnight', -780, MONDAY_NOON_UTC, 1, 'tuesday'],
    ['India (UTC+5:30)', -330, MONDAY_NOON_UTC, 18, 'monday'],
    ['Honolulu (UTC−10), still Sunday', 600, Date.UTC(2026, 0, 5, 2, 0), 16, 'sunday'],
  ])('%s', (_name, offset, now, hour, weekday) => {
    expect(timeReader.read(makeEnv({ now, timezoneOffsetMinutes: offset }))).toEqual({ 'time.hour': hour, 'time.weekday': weekday });
  });

  it('says nothing rather than guess UTC when the offset is unknown', () => {
    expect(timeReader.read(makeEnv())).toEqual({});
  });
});
