/** Type guards for the fields of events read from files: anything may be in them. */

export const isStr = (x: unknown): x is string => typeof x === 'string';
export const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);
export const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
