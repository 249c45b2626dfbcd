/**
 * Version of the draws: {@link hash} and the seeds `decide` feeds it. Stored on every decision and exposure
 * (`hashVersion`), so analysis can tell old assignments from new ones. Bump it with any change to the output.
 * Version 2: the slot draw no longer depends on the config version (the arm is the visitor's for the whole salt), and
 * exploration is drawn once per visitor (`salt:explorer`, `salt:explore-pick`).
 */
export const HASH_VERSION = 2;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** One MurmurHash3 body round: mixes the 4-byte block `k` into the state `h`. */
function round(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** State left by {@link absorb}: the murmur state, and a code unit waiting for its pair (-1 when none). */
let stateH = 0;
let stateP = -1;

/** Feeds the UTF-16 code units of `s` into the state `(h, pending)`, two units per block; leaves the result in stateH/stateP. */
function absorb(h: number, pending: number, s: string): void {
  const n = s.length;
  let i = 0;
  if (pending >= 0 && n > 0) {
    h = round(h, pending | (s.charCodeAt(0) << 16));
    pending = -1;
    i = 1;
  }
  for (; i + 1 < n; i += 2) h = round(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < n) pending = s.charCodeAt(i);
  stateH = h;
  stateP = pending;
}

/** The id's prefix state (`id + NUL`, murmur seed 0), kept for the last id: a visitor's draws all start with it. */
let prefixId: string | undefined;
let prefixH = 0;
let prefixP = -1;

/**
 * The 32-bit hash behind {@link hash}: MurmurHash3 (x86, 32-bit) of the UTF-16LE bytes of `id + "\u0000" + seed`,
 * with murmur seed `init`. Two UTF-16 code units make one 4-byte block (the first in the low half). The id comes
 * first so that its part of the state is computed once per visitor: deciding 20 slots hashes only the short seeds.
 * The strings are read in place, never joined.
 * @param init the murmur seed (default 0); other values give an independent hash of the same key.
 * @returns an unsigned 32-bit integer.
 * @example hash32('acme-q4:holdout', 'v-123') // same number in every browser and in Node
 */
export function hash32(seed: string, id: string, init = 0): number {
  let h: number;
  let pending: number;
  if (init === 0 && id === prefixId) {
    h = prefixH;
    pending = prefixP;
  } else {
    absorb(init | 0, -1, id);
    // The NUL separator completes a pending unit's block, or waits for the seed's first unit.
    h = stateP >= 0 ? round(stateH, stateP) : stateH;
    pending = stateP >= 0 ? -1 : 0;
    if (init === 0) {
      prefixId = id;
      prefixH = h;
      prefixP = pending;
    }
  }
  absorb(h, pending, seed);
  h = stateH;
  if (stateP >= 0) {
    // A last single code unit is a 2-byte tail (mixed without the body's rotation).
    let k = Math.imul(stateP, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  // Finalize with the byte length, then murmur3's avalanche (fmix32).
  h ^= (id.length + 1 + seed.length) * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Deterministic, well-mixed unit-interval hash: the same `(seed, id)` gives the same number everywhere, and
 * different seeds give independent draws (Candor seeds the holdout, slot-arm and exploration draws differently).
 *
 * Algorithm (hash version 1): MurmurHash3 x86 32-bit, murmur seed 0, over the UTF-16LE bytes of
 * `id + "\u0000" + seed` (see {@link hash32}), divided by 2^32. The NUL separator keeps `("ab", "c")` and
 * `("a", "bc")` apart.
 * @returns a number in [0, 1).
 * @example hash('acme-q4:holdout', 'v-123') < 0.05 // is this visitor in the 5% global holdout?
 */
export function hash(seed: string, id: string): number {
  return hash32(seed, id) / 4294967296;
}
