/**
 * True for an object that is not an array or null: a JSON object, for config and condition checks.
 * @example isRecord({ a: 1 }) // true; isRecord([1]) // false
 */
export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
