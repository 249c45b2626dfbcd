/** Own-key lookups for config records: a slot or audience called `constructor` or `toString` is never found on the prototype. */

export const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** The record's own value at `key`, or undefined. */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (hasOwn(record, key) ? record[key] : undefined);
