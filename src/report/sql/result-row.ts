/**
 * One row of the aggregation query's results, read by column name whatever the column's case and the value's type
 * (an engine gives numbers and bigints, a CSV file strings).
 */

/** One result row: column name (any case) → value (string, number, bigint or null; CSV gives strings). */
export type ResultRow = Record<string, unknown>;

/** Joins the parts of a key, and the names of a set in one column. */
export const SEP = '\u0001';

/** A row that is not what `candor report --sql` prints; the message names the row. */
export class RowError extends Error {}

/** Reads one row's columns by name, whatever their case and type. */
export function readResultRow(raw: ResultRow, index: number) {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) row[k.toLowerCase()] = v;
  const where = `row ${String(index + 1)} (section ${JSON.stringify(row.section)})`;
  const text = (c: string): string => {
    const v = row[c];
    if (v === null || v === undefined) throw new RowError(`${where} has no ${c}.`);
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  };
  const optionalText = (c: string): string | null => {
    const v = row[c];
    return v === null || v === undefined || v === '' ? null : text(c);
  };
  const number = (c: string): number => {
    const v = row[c];
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw new RowError(`${where} has no number in ${c} (${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}).`);
    return n;
  };
  const optionalNumber = (c: string): number | null => {
    const v = row[c];
    return v === null || v === undefined || v === '' ? null : number(c);
  };
  return { section: text('section'), name: optionalText('name'), text, optionalText, number, optionalNumber, where };
}

/** A row, read. */
export type RowReader = ReturnType<typeof readResultRow>;

/** A set's names from its one-column key (`a\u0001b`); none for NULL or ''. */
export const setList = (key: string | null): string[] => (key === null || key === '' ? [] : key.split(SEP));
