/**
 * Whether config errors and the other developer messages carry their message and fix text: true in the npm module,
 * `candor check` and tests.
 *
 * The script tag's builds (`candor.min.js`, `candor-runtime.min.js`) load this module as `export const VERBOSE = false` (rollup.config.ts),
 * and rollup drops the text of every `VERBOSE ? text : ''` guard: the script tag reports each problem's code and
 * path only, and docs/errors.md and `npx candor check` give the rest. Elsewhere rollup folds the guards away,
 * so the npm module pays nothing for them. Guard message and fix arguments at the call site: text built
 * anywhere else stays in the script tag.
 */
export const VERBOSE = true as boolean;
