/** What conditions are made of: the operators and what each takes (shared by validation and its error texts). */

const isScalar = (x: unknown) => x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && isFinite(x));
/** A value a signal is compared with: a scalar, or a list of scalars. */
export const isValue = (x: unknown): boolean => isScalar(x) || (Array.isArray(x) && x.every(isScalar));
const isValues = (x: unknown) => Array.isArray(x) && x.every(isValue);
const isOrdered = (x: unknown) => typeof x === 'string' || (typeof x === 'number' && isFinite(x));
/** The names `$type` takes. */
export const TYPES = ['string', 'number', 'boolean', 'array', 'null'];
const isType = (x: unknown) => TYPES.includes(x as string);
/** The operators that combine whole conditions. */
export const LOGIC = ['$and', '$or', '$nor'];

/** What each field operator takes. `$regex`, `$options`, `$elemMatch` and `$not` are checked in code. */
export const OPERANDS: Readonly<Record<string, (x: unknown) => boolean>> = {
  $eq: isValue,
  $ne: isValue,
  $in: isValues,
  $nin: isValues,
  $all: (x) => isValues(x) && (x as unknown[]).length > 0,
  $gt: isOrdered,
  $gte: isOrdered,
  $lt: isOrdered,
  $lte: isOrdered,
  $exists: (x) => typeof x === 'boolean',
  $size: (x) => Number.isInteger(x) && (x as number) >= 0,
  $type: (x) => isType(x) || (Array.isArray(x) && x.length > 0 && x.every(isType)),
};

/** Every operator Candor knows. Pure, so a bundle that never validates (the script tag's runtime) does not carry the tables. */
export const OPERATORS = /* @__PURE__ */ (() => [...LOGIC, ...Object.keys(OPERANDS), '$regex', '$options', '$elemMatch', '$not'])();
