/**
 * The event ids a collector has stored, in bounded memory: only ids whose `ts` lies inside the accepted window
 * are kept (older events are refused anyway, so their ids can never come back as valid duplicates), in about 9
 * bytes each when start-up reserved their tables, 8.5 to 11 when they grew one by one.
 *
 * Layout: one partition per UTC day of `ts` (a re-sent event is an exact copy, so its day is the original's and a
 * lookup checks one partition; a day that leaves the window is dropped whole). A partition has 256 shards, chosen by
 * 8 bits of the id's hash; a shard is a cuckoo hash table (four slots per bucket, two candidate buckets) of 64-bit
 * fingerprints in one Int32Array. Both buckets are derived from the fingerprint, so a full shard is rebuilt 1.3
 * times larger from its own contents; one shard at a time, so growth never doubles the memory.
 *
 * Two ids are confused only when they share a day, 8 shard bits and 64 fingerprint bits: for a new id, the chance is
 * the number of ids held that day divided by 2^72 (about 4e-15 at 20 million). Ids are hashed with a per-process
 * seed, so crafted ids cannot pile onto one shard.
 */

/** Stored ids per UTC day of their `ts`. */
export interface SeenIds {
  /** Whether `id` (of an event with this `ts`) was added. */
  has(id: string, ts: number): boolean;
  /** Adds `id`; a no-op when it is already there. */
  add(id: string, ts: number): void;
  /** {@link add} for an id given as ASCII bytes (`buf[start..end)`, no escapes), as read back from a file. */
  addAscii(buf: Uint8Array, start: number, end: number, ts: number): void;
  /**
   * {@link addAscii} without looking the id up first, for start-up, where the files hold each id once: it saves a
   * memory access per id. An id given twice takes two slots until its table is next rebuilt, and is found all the same.
   */
  loadAscii(buf: Uint8Array, start: number, end: number, ts: number): void;
  /**
   * Makes room at once for `count` more ids on the day of `ts`: start-up counts the ids of each day first, so that
   * their tables are allocated once at their size instead of growing (and leaving freed memory behind) step by step.
   */
  reserve(ts: number, count: number): void;
  /** Drops every day that ends at or before `ts` (call it with the oldest `ts` still accepted). */
  forgetBefore(ts: number): void;
  /** Ids held, and the bytes their filters take. */
  size(): { ids: number; bytes: number; days: number };
}

const DAY_MS = 86_400_000;
const SHARDS = 256;
const SLOTS = 4;
const FIRST_BUCKETS = 16;
const GROWTH = 1.3;
const MAX_LOAD = 0.94;
const MAX_KICKS = 400;
/** How full a table made by `reserve` is once the expected ids (plus 3 standard deviations) are in. */
const RESERVED_LOAD = 0.93;

/** A cuckoo table: slot j of bucket i holds (lo, hi) at 2 * (i * SLOTS + j) and the next index; (0, 0) is empty. */
interface Shard {
  buckets: number;
  table: Int32Array;
  count: number;
}

interface Day {
  /** Created on first use, each a little larger than the one before so that shards do not all grow at once. */
  shards: (Shard | undefined)[];
  count: number;
}

const fmix = (h: number): number => {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
};

const newShard = (buckets: number): Shard => ({ buckets, table: new Int32Array(buckets * SLOTS * 2), count: 0 });
/** The other bucket of a fingerprint in bucket `i`: an involution, so it works for any number of buckets. */
const alt = (buckets: number, i: number, hi: number): number => (((fmix(hi ^ 0x27d4eb2f) & 0x7fffffff) % buckets) - i + buckets) % buckets;
/** The first bucket of a fingerprint. */
const first = (buckets: number, lo: number): number => (lo & 0x7fffffff) % buckets;

function find(s: Shard, i: number, lo: number, hi: number): boolean {
  const t = s.table;
  for (let j = i * SLOTS * 2, end = j + SLOTS * 2; j < end; j += 2) if (t[j] === lo && t[j + 1] === hi) return true;
  return false;
}

function put(s: Shard, i: number, lo: number, hi: number): boolean {
  const t = s.table;
  for (let j = i * SLOTS * 2, end = j + SLOTS * 2; j < end; j += 2) {
    if (t[j] === 0 && t[j + 1] === 0) {
      t[j] = lo;
      t[j + 1] = hi;
      s.count++;
      return true;
    }
  }
  return false;
}

let rng = 0x9e3779b9;
/**
 * Places a fingerprint, moving others to their other bucket when both are full.
 * @returns the fingerprint left without a place (`[lo, hi]`) when the table is too full, else undefined
 */
function place(s: Shard, lo: number, hi: number): [number, number] | undefined {
  let i = first(s.buckets, lo);
  if (put(s, i, lo, hi)) return undefined;
  i = alt(s.buckets, i, hi);
  if (put(s, i, lo, hi)) return undefined;
  const t = s.table;
  for (let kick = 0; kick < MAX_KICKS; kick++) {
    rng ^= rng << 13;
    rng ^= rng >>> 17;
    rng ^= rng << 5;
    const j = (i * SLOTS + ((rng >>> 7) & (SLOTS - 1))) * 2;
    const oldLo = t[j] ?? 0;
    const oldHi = t[j + 1] ?? 0;
    t[j] = lo;
    t[j + 1] = hi;
    lo = oldLo;
    hi = oldHi;
    i = alt(s.buckets, i, hi);
    if (put(s, i, lo, hi)) return undefined;
  }
  return [lo, hi];
}

/** A copy of a shard with at least `buckets` buckets (more if they do not all fit), and optionally one more fingerprint; each fingerprint once. */
function rebuild(s: Shard, buckets: number, extra?: [number, number]): Shard {
  const copy = (to: Shard, lo: number, hi: number): boolean => {
    const i = first(to.buckets, lo);
    return find(to, i, lo, hi) || find(to, alt(to.buckets, i, hi), lo, hi) || place(to, lo, hi) === undefined;
  };
  for (; ; buckets = Math.ceil(buckets * GROWTH)) {
    const bigger = newShard(buckets);
    let ok = extra === undefined || copy(bigger, extra[0], extra[1]);
    const t = s.table;
    for (let j = 0; ok && j < t.length; j += 2) if (t[j] !== 0 || t[j + 1] !== 0) ok = copy(bigger, t[j] ?? 0, t[j + 1] ?? 0);
    if (ok) return bigger;
  }
}

/** A larger copy of a shard, with one more fingerprint. */
const grow = (s: Shard, lo: number, hi: number): Shard => rebuild(s, Math.ceil(s.buckets * GROWTH), [lo, hi]);

/**
 * Creates an empty set. `seed` makes the hash unpredictable from outside (default: random per process), so crafted
 * ids cannot pile onto the same shard.
 * @example const seen = createSeenIds(); if (!seen.has(e.id, e.ts)) { store(e); seen.add(e.id, e.ts); }
 */
export function createSeenIds(seed = (Math.random() * 2 ** 32) >>> 0): SeenIds {
  const days = new Map<number, Day>();
  // The hash of the last id: (lo, hi) is its 64-bit fingerprint, shard its 8-bit shard.
  let lo = 0;
  let hi = 0;
  let shard = 0;

  const finish = (a: number, b: number, c: number): void => {
    lo = fmix(a);
    hi = fmix(b ^ Math.imul(c, 0x9e3779b1));
    shard = fmix(c + lo) & (SHARDS - 1);
    if (lo === 0 && hi === 0) lo = 1; // (0, 0) marks an empty slot
  };
  // Three multiply-xorshift lanes over UTF-16 code units (equal to the bytes for ASCII, so both entry points agree).
  const hashString = (s: string): void => {
    let a = seed ^ 0x2545f491;
    let b = seed ^ 0x68e31da4;
    let c = seed ^ 0x1b873593;
    for (let i = 0; i < s.length; i++) {
      const k = s.charCodeAt(i);
      a = Math.imul(a ^ k, 0x5bd1e995);
      a ^= a >>> 15;
      b = Math.imul(b ^ k, 0xcc9e2d51);
      b ^= b >>> 13;
      c = Math.imul(c ^ k, 0x1b873593);
      c ^= c >>> 16;
    }
    finish(a ^ s.length, b, c);
  };
  const hashAscii = (buf: Uint8Array, start: number, end: number): void => {
    let a = seed ^ 0x2545f491;
    let b = seed ^ 0x68e31da4;
    let c = seed ^ 0x1b873593;
    for (let i = start; i < end; i++) {
      const k = buf[i] ?? 0;
      a = Math.imul(a ^ k, 0x5bd1e995);
      a ^= a >>> 15;
      b = Math.imul(b ^ k, 0xcc9e2d51);
      b ^= b >>> 13;
      c = Math.imul(c ^ k, 0x1b873593);
      c ^= c >>> 16;
    }
    finish(a ^ (end - start), b, c);
  };

  const contains = (day: Day | undefined): boolean => {
    const s = day?.shards[shard];
    if (!s) return false;
    const i = first(s.buckets, lo);
    return find(s, i, lo, hi) || find(s, alt(s.buckets, i, hi), lo, hi);
  };

  const insert = (ts: number, checked = true): void => {
    const key = Math.floor(ts / DAY_MS);
    let day = days.get(key);
    if (!day) days.set(key, (day = { shards: new Array<Shard | undefined>(SHARDS).fill(undefined), count: 0 }));
    else if (checked && contains(day)) return;
    day.count++;
    const s = (day.shards[shard] ??= newShard(Math.ceil(FIRST_BUCKETS * GROWTH ** (shard / SHARDS))));
    if (s.count >= s.buckets * SLOTS * MAX_LOAD) day.shards[shard] = grow(s, lo, hi);
    else {
      const homeless = place(s, lo, hi);
      if (homeless) day.shards[shard] = grow(s, homeless[0], homeless[1]);
    }
  };

  return {
    has(id, ts) {
      hashString(id);
      return contains(days.get(Math.floor(ts / DAY_MS)));
    },
    add(id, ts) {
      hashString(id);
      insert(ts);
    },
    addAscii(buf, start, end, ts) {
      hashAscii(buf, start, end);
      insert(ts);
    },
    loadAscii(buf, start, end, ts) {
      hashAscii(buf, start, end);
      insert(ts, false);
    },
    reserve(ts, count) {
      const key = Math.floor(ts / DAY_MS);
      let day = days.get(key);
      if (!day) days.set(key, (day = { shards: new Array<Shard | undefined>(SHARDS).fill(undefined), count: 0 }));
      const perShard = (day.count + count) / SHARDS;
      const buckets = Math.ceil((perShard + 3 * Math.sqrt(perShard) + 4) / (SLOTS * RESERVED_LOAD));
      for (let i = 0; i < SHARDS; i++) {
        const s = day.shards[i];
        if (!s) day.shards[i] = newShard(buckets);
        else if (s.buckets < buckets) day.shards[i] = rebuild(s, buckets);
      }
    },
    forgetBefore(ts) {
      const first = Math.floor(ts / DAY_MS);
      for (const key of days.keys()) if (key < first) days.delete(key);
    },
    size() {
      let ids = 0;
      let bytes = 0;
      for (const day of days.values()) {
        ids += day.count;
        for (const s of day.shards) bytes += s?.table.byteLength ?? 0;
      }
      return { ids, bytes, days: days.size };
    },
  };
}
