import { describe, expect, it } from 'vitest';
import { HASH_VERSION, hash, hash32 } from '../../../../src/core/decide/hash.js';
import { chiSquareP, goodnessOfFit, independence2x2 } from './chi-square.js';

/** Plain byte-wise MurmurHash3 x86 32-bit, written from the published algorithm, to check `hash32` against. */
function murmur3Bytes(bytes: readonly number[], seed: number): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const mixK = (k: number) => Math.imul(((Math.imul(k, c1) << 15) | (Math.imul(k, c1) >>> 17)), c2);
  let h = seed | 0;
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const k = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    h ^= mixK(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const rest = bytes.length & 3;
  if (rest >= 3) k ^= (bytes[i + 2] ?? 0) << 16;
  if (rest >= 2) k ^= (bytes[i + 1] ?? 0) << 8;
  if (rest >= 1) h ^= mixK(k ^ (bytes[i] ?? 0));
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const utf16le = (s: string): number[] => {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i) & 255, s.charCodeAt(i) >>> 8);
  return bytes;
};

/** Pinned outputs of hash version 1. If one changes, assignments change for every visitor: bump HASH_VERSION. */
const VECTORS: [seed: string, id: string, int: number, unit: number][] = [
  ['', '', 821347078, 0.19123476883396506],
  ['seed', 'a', 1242244916, 0.2892326833680272],
  ['seed', 'b', 3038960762, 0.7075631902553141],
  ['acme-q4:holdout', 'v-123', 2757652159, 0.6420659271534532],
  ['acme-q4:2026-11-22.1:hero:arm', '3f2a9c1e-7b4d-4e2f-9a61-0c5d8e7f1a2b', 709656009, 0.1652296653483063],
  ['ab', 'c', 2837200968, 0.660587327554822],
  ['a', 'bc', 3819741407, 0.8893528503831476],
  ['é€', '😀', 4179429311, 0.9730992165859789],
  ['x', '', 3326619974, 0.774539069738239],
];

const N = 1_000_000;
const ids = Array.from({ length: N }, (_, i) => `visitor-${i}`);

describe('hash', () => {
  it('is version 2 (draws per salt, exploration per visitor)', () => {
    expect(HASH_VERSION).toBe(2);
  });

  it.each(VECTORS)('hash(%j, %j) is pinned', (seed, id, int, unit) => {
    expect(hash32(seed, id)).toBe(int);
    expect(hash(seed, id)).toBe(unit);
  });

  it('the byte-wise reference reproduces published MurmurHash3 vectors', () => {
    expect(murmur3Bytes(utf8(''), 0)).toBe(0);
    expect(murmur3Bytes(utf8(''), 1)).toBe(0x514e28b7);
    expect(murmur3Bytes(utf8(''), 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3Bytes(utf8('test'), 0)).toBe(0xba6bd213);
    expect(murmur3Bytes(utf8('Hello, world!'), 1234)).toBe(0xfaf6cdb3);
    expect(murmur3Bytes(utf8('The quick brown fox jumps over the lazy dog'), 0x9747b28c)).toBe(0x2fa826cd);
  });

  it('is MurmurHash3 of the UTF-16LE bytes of id + NUL + seed, for even and odd lengths and any murmur seed', () => {
    const pairs: [string, string][] = [['', ''], ['s', ''], ['', 'i'], ['seed', 'abc'], ['seed', 'abcd'], ['ü→', '😀x'], ['salt:v1:hero:arm', 'visitor-42']];
    for (const [seed, id] of pairs) {
      expect(hash32(seed, id)).toBe(murmur3Bytes(utf16le(id + '\u0000' + seed), 0));
      expect(hash32(seed, id, 0x9e3779b9)).toBe(murmur3Bytes(utf16le(id + '\u0000' + seed), 0x9e3779b9));
    }
  });

  it('gives the same values whatever was hashed before (the per-id prefix memo never leaks)', () => {
    const expected = VECTORS.map(([seed, id]) => hash32(seed, id));
    const shuffled = [...VECTORS.keys()].reverse();
    for (const i of shuffled) {
      const [seed, id] = VECTORS[i] ?? ['', ''];
      hash32('other-seed', id, 12345);
      expect(hash32(seed, id)).toBe(expected[i]);
      expect(hash32(seed + 'x', id)).toBe(murmur3Bytes(utf16le(id + '\u0000' + seed + 'x'), 0));
    }
  });

  it('separates seed from id, and stays in [0, 1)', () => {
    expect(hash('ab', 'c')).not.toBe(hash('a', 'bc'));
    for (const [seed, id] of [['', ''], ['x', 'y'], ['\uffff'.repeat(9), '\uffff'.repeat(9)]] as const) {
      const u = hash(seed, id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('splits 10^6 sequential ids 50/50 and 10/90 as asked (χ² p > 0.001), and evenly over 100 buckets', () => {
    let below50 = 0;
    let below10 = 0;
    const buckets = new Float64Array(100);
    for (const id of ids) {
      const u = hash('acme-q4:2026-11-22.1:hero:arm', id);
      if (u < 0.5) below50++;
      if (u < 0.1) below10++;
      buckets[Math.floor(u * 100)] = (buckets[Math.floor(u * 100)] ?? 0) + 1;
    }
    const half = goodnessOfFit([below50, N - below50], [0.5, 0.5]);
    const tenth = goodnessOfFit([below10, N - below10], [0.1, 0.9]);
    const hundred = goodnessOfFit([...buckets], new Array<number>(100).fill(0.01));
    expect(half.p).toBeGreaterThan(0.001);
    expect(tenth.p).toBeGreaterThan(0.001);
    expect(hundred.p).toBeGreaterThan(0.001);
  });

  it('gives independent holdout, slot-arm and explore draws (2×2 χ² p > 0.001)', () => {
    // The three seeds decide() uses for one visitor.
    const seeds = ['acme-q4:holdout', 'acme-q4:2026-11-22.1:hero:arm', 'acme-q4:hero:explore'] as const;
    const draws = seeds.map((seed) => Float64Array.from(ids, (id) => hash(seed, id)));
    for (const [x, y] of [[0, 1], [0, 2], [1, 2]] as const) {
      const dx = draws[x] ?? new Float64Array(N);
      const dy = draws[y] ?? new Float64Array(N);
      for (const cut of [0.5, 0.1]) {
        const table: [[number, number], [number, number]] = [[0, 0], [0, 0]];
        for (let i = 0; i < N; i++) table[(dx[i] ?? 1) < cut ? 0 : 1][(dy[i] ?? 1) < cut ? 0 : 1] += 1;
        expect(independence2x2(table).p, `${seeds[x]} × ${seeds[y]} at ${cut}`).toBeGreaterThan(0.001);
      }
    }
  });

  it('the independence test can fail: one draw against itself shifted is dependent', () => {
    const table: [[number, number], [number, number]] = [[0, 0], [0, 0]];
    for (const id of ids.slice(0, 100_000)) {
      const u = hash('seed', id);
      table[u < 0.5 ? 0 : 1][(u + 0.1) % 1 < 0.5 ? 0 : 1] += 1;
    }
    expect(independence2x2(table).p).toBeLessThan(0.001);
  });
});

describe('chi-square helper', () => {
  it('matches published SRM vectors', () => {
    // docs/measurement.md §3.11 #7 and #8.
    expect(goodnessOfFit([600, 400], [0.5, 0.5]).statistic).toBeCloseTo(40, 10);
    expect(goodnessOfFit([600, 400], [0.5, 0.5]).p).toBeCloseTo(2.54e-10, 11);
    expect(goodnessOfFit([1000, 950, 1050, 1000], [0.25, 0.25, 0.25, 0.25]).p).toBeCloseTo(0.171797, 5);
    expect(chiSquareP(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareP(123.22522, 99)).toBeCloseTo(0.05, 4);
  });
});
