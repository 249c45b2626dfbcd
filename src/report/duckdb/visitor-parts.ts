/**
 * How `candor report` bounds DuckDB's memory on large inputs: the visitors are split into parts by their 64-bit key
 * (the hash the aggregation query joins them on), and the query runs once per part. Every statistic of the aggregate
 * is a sum over visitors (a period's first and last times a minimum and a maximum), so the parts' rows add up to the
 * rows of one run (`mergePartRows`). DuckDB's state is then that of one part's visitors, however many events there are;
 * each part reads the input again, so a file that fits stays one part.
 */

import { dialect } from '../sql/dialects.js';

/**
 * Bytes of memory the aggregation takes per input row at its peak, for choosing parts that fit in DuckDB's memory limit
 * instead of spilling to disk: measured, the process peaks at 4.4 GB on 10 million simulated events in one part (the
 * default limit on a 23.5 GiB machine is 5.9 GiB, so such a file stays one part), 1.8 GB in three; 50 million events
 * in five parts peak at 4.4 GB too (docs/report.md, "Speed and memory").
 */
export const BYTES_PER_ROW = 500;

/**
 * The number of parts for `rows` input rows under DuckDB's `memoryLimit` (in bytes): one while the whole input fits,
 * then as many as it takes for each part to fit.
 * @example visitorParts(51_000_000, 5.7 * 2 ** 30) // 5
 */
export function visitorParts(rows: number, memoryLimit: number): number {
  if (!(rows > 0) || !(memoryLimit > 0)) return 1;
  return Math.max(1, Math.ceil((rows * BYTES_PER_ROW) / memoryLimit));
}

/** A SELECT of `source`'s rows whose visitors are in `part` of `parts` (by the query's visitor key). */
export function visitorPartSql(source: string, part: number, parts: number): string {
  return parts <= 1 ? source : `SELECT * FROM (${source}) WHERE ${dialect('duckdb').visitorKey('visitor_id')} % ${String(parts)} = ${String(part)}`;
}

/**
 * DuckDB's `current_setting('memory_limit')` (e.g. `5.7 GiB`) in bytes; undefined when it says something else.
 * @example memoryLimitBytes('1.0 GiB') // 1073741824
 */
export function memoryLimitBytes(setting: string): number | undefined {
  const match = /^([\d.]+) ?(bytes|KiB|MiB|GiB|TiB|KB|MB|GB|TB)$/.exec(setting.trim());
  if (!match) return undefined;
  const unit = match[2] ?? '';
  const power = ['bytes', 'K', 'M', 'G', 'T'].findIndex((p) => unit.startsWith(p));
  return Number(match[1]) * (unit.includes('i') || unit === 'bytes' ? 1024 : 1000) ** power;
}
