/** Number formatting shared by the text and HTML renderers and the headlines. */

import type { Verdict } from './report-types.js';

const finite = (x: number): boolean => Number.isFinite(x);

/** A signed percentage: `+3.2%`. */
export const signedPct = (x: number, digits = 1): string => {
  if (!finite(x)) return 'n/a';
  const abs = Math.abs(x * 100).toFixed(digits);
  return Number(abs) === 0 ? `${abs}%` : `${x > 0 ? '+' : '−'}${abs}%`;
};
/** A rate: `3.21%`. */
export const pct = (x: number, digits = 2): string => (finite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
/** Percentage points: `+0.42 pp`. */
export const pp = (x: number, digits = 2): string => {
  if (!finite(x)) return 'n/a';
  const abs = Math.abs(x * 100).toFixed(digits);
  return Number(abs) === 0 ? `${abs} pp` : `${x > 0 ? '+' : '−'}${abs} pp`;
};
/** Whether an interval has two finite ends that differ: anything else is "no data". */
export const hasInterval = (ci: readonly [number, number]): boolean => finite(ci[0]) && finite(ci[1]) && ci[1] > ci[0];
/** An interval with a formatter: `[−1.2%, +3.4%]`; `[no data]` when it is missing or has zero width. */
export const interval = (ci: readonly [number, number], f: (x: number) => string): string => (hasInterval(ci) ? `[${f(ci[0])}, ${f(ci[1])}]` : '[no data]');
/** An estimate with its interval, or `no data` when there is no variation to estimate from (never "+0.00 [+0.00, +0.00]"). */
export const withInterval = (estimate: number, ci: readonly [number, number], f: (x: number) => string): string =>
  finite(estimate) && hasInterval(ci) ? `${f(estimate)} ${interval(ci, f)}` : 'no data';
/** A count with thousands separators. */
export const count = (n: number): string => (finite(n) ? Math.round(n).toLocaleString('en-US') : '∞');
/** A p-value. */
export const pValue = (p: number): string => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

/**
 * Traffic still needed, for people: `about 1,234,000 more visitors (≈ 340 days at the current 3,600 a day)`.
 * @param perDay the period's visitors per day (null under a day of data)
 */
export function moreText(needed: { visitors: number; days: number | null }, perDay: number | null): string {
  if (!finite(needed.visitors)) return 'no conversions yet to plan from';
  const days = needed.days !== null && finite(needed.days) && perDay !== null ? ` (≈ ${count(needed.days)} day${needed.days === 1 ? '' : 's'} at the current ${count(perDay)} visitors a day)` : '';
  return `about ${count(needed.visitors)} more visitors${days}`;
}

/** Traffic still needed, in a table cell: `1,234,000 (340 d)`. */
export function moreShort(needed: { visitors: number; days: number | null }, perDay: number | null): string {
  if (!finite(needed.visitors)) return 'no conversions yet';
  return `${count(needed.visitors)}${needed.days !== null && finite(needed.days) && perDay !== null ? ` (${count(needed.days)} d)` : ''}`;
}

/** Cuts a name read from events to a readable length (forged names can be long). */
export const name = (s: string, max = 80): string => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/** A verdict in words. */
export function verdictText(v: Verdict, demoteWord = false): string {
  switch (v) {
    case 'better':
      return 'better';
    case 'worse':
      return demoteWord ? 'worse: demote' : 'worse';
    case 'no-difference':
      return 'no meaningful difference';
    case 'blocked':
      return 'no verdict: sample ratio mismatch';
    default:
      return 'not enough data';
  }
}
