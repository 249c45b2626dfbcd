/** Compiled regexes, by flags then source; `null` marks a pattern or flags that do not compile. */
const regexes = new Map<string, Map<string, RegExp | null>>();

/**
 * Compiles `source` with `flags` once and caches it.
 * Only the flags `i`, `m`, `s` and `u` are allowed (`g` and `y` would make `test` stateful).
 * @returns the regex, or null when it does not compile.
 */
export function compileRegex(source: string, flags: string): RegExp | null {
  let byFlags = regexes.get(flags);
  if (!byFlags) {
    if (regexes.size > 20) regexes.clear();
    regexes.set(flags, (byFlags = new Map<string, RegExp | null>()));
  }
  let re = byFlags.get(source);
  if (re === undefined) {
    try {
      re = /^[imsu]*$/.test(flags) ? new RegExp(source, flags) : null;
    } catch {
      re = null;
    }
    // Bounded: conditions come from one config, so trimming only ever drops junk.
    if (byFlags.size > 500) byFlags.clear();
    byFlags.set(source, re);
  }
  return re;
}
