/**
 * Own-key lookups for records whose keys come from events or configs: `own(record, '__proto__')` is undefined unless
 * the record really has that key, so a forged slot called `constructor` or `toString` finds nothing instead of
 * `Object`'s members.
 */

/** The record's own value at `key`, or undefined. */
export const own = <T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined =>
  record != null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

/** An empty record without a prototype: any string, `__proto__` included, is an ordinary key. */
export const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
