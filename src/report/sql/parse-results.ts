/**
 * Results files of the aggregation query, as engines save them: CSV with a header row (PostgreSQL `\copy … csv
 * header`, `psql --csv`, DuckDB `COPY … TO 'x.csv'`, BigQuery and Snowflake downloads), a JSON array of row objects,
 * or one JSON object per line. Column names may be in any case (Snowflake upper-cases them).
 */

import type { Aggregate } from '../aggregate-types.js';
import type { ResultRow } from './aggregate-from-rows.js';

/**
 * Parses CSV (RFC 4180: quoted fields, doubled quotes, CR LF or LF) with a header row into row objects.
 * An empty field reads as '' (the aggregation never needs to tell it from NULL).
 * @example parseCsv('section,n\nmeta,1\n') // [{ section: 'meta', n: '1' }]
 */
export function parseCsv(text: string): ResultRow[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRecord();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else field += c;
  }
  if (quoted) throw new Error('The CSV ends inside a quoted field: the file is cut short.');
  if (field !== '' || record.length > 0) endRecord();
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`A CSV row has ${String(r.length)} fields where the header has ${String(header.length)}.`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}

/** What a file given to `candor report --aggregate` holds. */
export type AggregateFileContents = { aggregate: Aggregate; rows?: undefined } | { aggregate?: undefined; rows: ResultRow[] };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Tells an aggregate (JSON, as `--aggregate-out` writes it) from the aggregation query's rows (CSV, a JSON array, or
 * JSON lines) and parses either.
 * @example const { aggregate, rows } = parseAggregateFile(readFileSync('results.csv', 'utf8'));
 */
export function parseAggregateFile(text: string): AggregateFileContents {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart()[0];
  if (start === '{' || start === '[') {
    let whole: unknown;
    try {
      whole = JSON.parse(body);
    } catch {
      // JSON lines: one row object per line.
      const rows = body
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line, k) => {
          try {
            const row: unknown = JSON.parse(line);
            if (isObject(row)) return row;
          } catch {
            // reported below
          }
          throw new Error(`Line ${String(k + 1)} is not a JSON object: give an aggregate (JSON), or the aggregation query's rows as CSV, a JSON array or JSON lines.`);
        });
      return { rows };
    }
    if (Array.isArray(whole)) {
      if (!whole.every(isObject)) throw new Error('The JSON array holds something other than row objects.');
      return { rows: whole };
    }
    if (isObject(whole) && whole.v === 1 && Array.isArray(whole.periods)) return { aggregate: whole as unknown as Aggregate };
    if (isObject(whole) && 'section' in whole) return { rows: [whole] };
    throw Object.assign(new Error('is neither an aggregate (no "v": 1 and "periods") nor rows of the aggregation query; write one with candor report EVENTS --aggregate-out FILE, or save the rows of candor report --sql DIALECT.'), { code: 'CANDOR_INPUT' });
  }
  const rows = parseCsv(body);
  if (rows.length === 0 || !Object.keys(rows[0] ?? {}).some((k) => k.toLowerCase() === 'section')) {
    throw new Error('This is not an aggregate (JSON) nor the aggregation query\'s rows (CSV with a header row that has a "section" column).');
  }
  return { rows };
}
