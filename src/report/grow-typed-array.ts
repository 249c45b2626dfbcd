/** The typed arrays the aggregation keeps its records in. */
export type TypedColumn = Int32Array | Float64Array | Uint8Array;

/**
 * `a` itself when index `need` is in bounds, else a copy at least 1.5 times as long, the new slots set to `fill`.
 * @example exTs = growTypedArray(exTs, r)
 */
export function growTypedArray<T extends TypedColumn>(a: T, need: number, fill = 0): T {
  if (need < a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need + 1, Math.ceil(a.length * 1.5)));
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}
