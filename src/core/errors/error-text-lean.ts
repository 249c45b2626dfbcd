/**
 * What the script tag's builds load in place of src/core/errors/error-text.ts (rollup.config.ts): the same exports,
 * without the error table. Validation's problems then carry code and path only (empty message and fix; terser drops
 * the params that would have made them), and their console line sends the developer to docs/errors.md and
 * `npx candor check`, which prints the message and the fix. Plain JavaScript: rollup loads it as the source of
 * error-text.ts, past the TypeScript compiler (test/unit/core/config/lean-errors.test.ts checks the exports match).
 */

/** Finds no text: the script tag's builds ship no table. */
export const errorText = () => undefined;

/** The end of a config problem's console line, after `candor: <code> at <path>`. */
export const problemLineEnd = () => ' (see docs/errors.md — run "npx candor check" for the fix)';
