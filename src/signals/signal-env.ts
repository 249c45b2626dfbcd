import type { VisitorMemory } from '../storage/visitor-state.js';

/**
 * Everything signal readers may look at, gathered once per page view by {@link browserSignalEnv} (or built by hand in
 * tests and on servers). Readers never touch globals. Optional fields are absent when the browser does not say.
 */
export interface SignalEnv {
  /** The page's full URL (`location.href`). */
  url: string;
  /** `document.referrer` ('' for none). */
  referrer: string;
  /** ms since the epoch. */
  now: number;
  /** `navigator.language`, e.g. `de-DE`. */
  language?: string;
  /** `navigator.languages`, most preferred first. */
  languages?: readonly string[];
  /** `navigator.userAgent`. */
  userAgent?: string;
  /** `navigator.userAgentData.mobile` (User-Agent Client Hints; Chromium only). */
  uaMobile?: boolean;
  /** `navigator.userAgentData.platform`, e.g. `Android`, `macOS`. */
  uaPlatform?: string;
  /** `navigator.maxTouchPoints`. */
  maxTouchPoints?: number;
  /** `innerWidth` in CSS pixels. */
  viewportWidth?: number;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone?: string;
  /** `new Date(now).getTimezoneOffset()`: minutes to add to local time to get UTC (−60 in Berlin in winter). */
  timezoneOffsetMinutes?: number;
  /** `prefers-reduced-motion: reduce` matches. */
  reducedMotion?: boolean;
  /** `navigator.connection.saveData`. */
  saveData?: boolean;
  /** What this browser remembers, already capped to the consent tier and updated for this page view. */
  memory: VisitorMemory;
  /** Config sections: name → path prefix (`pages.<section>`). */
  sections: Record<string, string>;
  /** Config `declare`: the keys `declared.<key>` may expose. */
  declareKeys: readonly string[];
}
