/** Number formatting shared by the text and HTML renderers and the headlines. */

import type { Verdict } from './report-types.js';

const finite = (x: number): boolean => Number.isFinite(x);

/** A signed percentage: `+3.2%`. */
export const signedPct = (x: number, digits = 1): string => (finite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}%` : 'n/a');
/** A rate: `3.21%`. */
export const pct = (x: number, digits = 2): string => (finite(x) ? `${(x * 100).toFixed(digits)}%` : 'n/a');
/** Percentage points: `+0.42 pp`. */
export const pp = (x: number, digits = 2): string => (finite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)} pp` : 'n/a');
/** An interval with a formatter: `[−1.2%, +3.4%]`. */
export const interval = (ci: readonly [number, number], f: (x: number) => string): string =>
  finite(ci[0]) && finite(ci[1]) ? `[${f(ci[0])}, ${f(ci[1])}]` : '[too little data]';
/** A count with thousands separators. */
export const count = (n: number): string => (finite(n) ? Math.round(n).toLocaleString('en-US') : '∞');
/** A p-value. */
export const pValue = (p: number): string => (p < 0.0001 ? '<0.0001' : p.toFixed(4));

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
