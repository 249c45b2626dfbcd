/**
 * The candidate closest to `word` by edit distance (case-insensitive), for "did you mean" hints.
 * @returns the closest candidate at most a third of the word's length away (one edit for short words,
 *   never a complete rewrite), or undefined; long words get no hint.
 * @example closestName('utm.campain', ['utm.campaign', 'utm.source']) // 'utm.campaign'
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const a = word.toLowerCase();
  if (a.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Math.min(Math.max(1, a.length / 3), a.length - 1);
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    // Levenshtein distance, one row at a time.
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    const distance = row[b.length] ?? 0;
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The "did you mean" hint for an unknown name: `Did you mean "x"? ` (with a trailing space), or '' when nothing is close.
 * @example didYouMean('utm.campain', ['utm.campaign']) // 'Did you mean "utm.campaign"? '
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closestName(word, candidates);
  return near ? `Did you mean "${near}"? ` : '';
}
