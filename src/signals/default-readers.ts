import type { SignalReader } from './signal-reader.js';
import { urlReader } from './readers/url-reader.js';
import { utmReader } from './readers/utm-reader.js';
import { referrerReader } from './readers/referrer-reader.js';
import { localeReader } from './readers/locale-reader.js';
import { deviceReader } from './readers/device-reader.js';
import { timeReader } from './readers/time-reader.js';
import { sessionReader } from './readers/session-reader.js';
import { visitReader } from './readers/visit-reader.js';
import { pagesReader } from './readers/pages-reader.js';
import { recentReader } from './readers/recent-reader.js';
import { declaredReader } from './readers/declared-reader.js';
import { goalsReader } from './readers/goals-reader.js';
import { interestReader } from './readers/interest-reader.js';
import { engagementReader } from './readers/engagement-reader.js';

/**
 * Every built-in reader, lowest tier first: together they produce every name in the signal catalog.
 * @example readSignals(DEFAULT_READERS, env, 'relationship')
 */
export const DEFAULT_READERS: readonly SignalReader[] = [
  urlReader,
  utmReader,
  referrerReader,
  localeReader,
  deviceReader,
  timeReader,
  sessionReader,
  visitReader,
  pagesReader,
  recentReader,
  declaredReader,
  goalsReader,
  interestReader,
  engagementReader,
];
