/**
 * What every step of the aggregation query is built from: the named step (a CTE), SQL literals, and the settings each
 * step reads (the dialect, the table, the window, the cap and rule 1's conditions).
 */

import type { Dialect } from './dialects.js';
import type { EventRules } from './event-rules.js';

/** One named step of the query. */
export interface Cte {
  name: string;
  /** Read again at each use instead of stored (it scans the table, whose rows may not fit in memory). */
  inline?: boolean;
  /** Stored once where the engine lets the query say so (it is read several times). */
  materialized?: boolean;
  /** The rule it applies, printed as a comment above it. */
  note?: string;
  sql: string;
}

/** What the steps of one query share. */
export interface QueryContext {
  d: Dialect;
  /** The flat event table, as written in the query. */
  table: string;
  /** Conversion window in days, and as a SQL number of ms. */
  windowDays: number;
  windowMs: string;
  /** At most this many conversions per visitor × goal. */
  cap: number;
  /** Rule 1: which rows are events. */
  rules: EventRules;
}

/** One day in ms. */
export const DAY_MS = 86_400_000;

/** A SQL string literal. */
export const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** A number as a SQL literal (no exponent, so every engine reads it). */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite number: ${String(n)}`);
  return Number.isInteger(n) ? n.toFixed(0) : n.toFixed(20).replace(/0+$/, '');
}

/** A step as SQL text: its note as a comment, then `name AS (…)` with the engine's materialization keyword. */
export function renderCte(d: Dialect, c: Cte): string {
  return `${c.note ? `-- ${c.note}\n` : ''}${c.name} AS ${c.inline ? d.notMaterialized : c.materialized ? d.materialized : ''}(\n  ${c.sql}\n)`;
}
