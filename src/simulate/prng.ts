/**
 * A small seeded pseudo-random generator (sfc32) for simulations: the same seed gives the same events everywhere.
 * @param seed any string or number.
 * @returns a function returning uniform numbers in [0, 1).
 * @example const random = seededRandom(42); random() // 0.…, the same on every run
 */
export function seededRandom(seed: string | number): () => number {
  // Spread the seed into four 32-bit words with FNV-1a and a murmur-style mix.
  let h = 0x811c9dc5;
  for (const ch of String(seed)) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  const mix = (x: number): number => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return (x ^ (x >>> 16)) >>> 0;
  };
  let a = mix(h);
  let b = mix(a + 0x9e3779b9);
  let c = mix(b + 0x9e3779b9);
  let d = mix(c + 0x9e3779b9);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
