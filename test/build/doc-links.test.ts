/**
 * Every relative link and every `#anchor` in README.md and docs/**\/*.md resolves: the file or directory exists, and
 * an anchor names a heading of the target Markdown file, slugged as GitHub does (lower case; letters, digits, spaces,
 * `-` and `_` kept, spaces turned into `-`; a repeated slug gets `-1`, `-2`…). Links inside code are not links.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** README.md and every Markdown file under docs/. */
function markdownFiles(): string[] {
  const found: string[] = [join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  walk(join(ROOT, 'docs'));
  return found;
}

/** The lines of a Markdown file outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: string; n: number }[] {
  const out: { line: string; n: number }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (open && (fence === undefined || open.startsWith(fence))) {
      fence = fence === undefined ? open : undefined;
      return;
    }
    if (fence === undefined) out.push({ line, n: i + 1 });
  });
  return out;
}

/** GitHub's heading anchors of a Markdown file, in order, with `-1`, `-2`… on repeats. */
export function headingSlugs(text: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  for (const { line } of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${String(n)}`);
  }
  return slugs;
}

/** The link targets of a Markdown file (inline links, images and reference definitions), outside code. */
export function linkTargets(text: string): { target: string; n: number }[] {
  const out: { target: string; n: number }[] = [];
  for (const { line, n } of proseLines(text)) {
    const prose = line.replace(/(`+)[\s\S]*?\1/g, '');
    for (const m of prose.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1] ?? '', n });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)?.[1];
    if (def) out.push({ target: def, n });
  }
  return out;
}

/** What is wrong with one link of `file`, or undefined when it resolves. */
function problem(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto: … are not checked here
  const hash = target.indexOf('#');
  const path = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const to = path === '' ? file : resolve(dirname(file), path);
  if (!existsSync(to)) return `${relative(ROOT, to)} does not exist`;
  if (anchor === undefined) return undefined;
  if (!to.endsWith('.md')) return `#${anchor} points into ${relative(ROOT, to)}, which is not Markdown`;
  if (!headingSlugs(readFileSync(to, 'utf8')).has(anchor)) return `${relative(ROOT, to)} has no heading #${anchor}`;
  return undefined;
}

describe('links in README.md and docs/', () => {
  const files = markdownFiles();

  it('finds the docs', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md', 'docs/config.md', 'docs/errors.md', 'docs/measurement.md']));
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: every relative link and #anchor resolves', (_name, file) => {
    const broken = linkTargets(readFileSync(file, 'utf8'))
      .map(({ target, n }) => ({ target, n, why: problem(file, target) }))
      .filter((l) => l.why !== undefined)
      .map((l) => `line ${String(l.n)}: (${l.target}) ${l.why ?? ''}`);
    expect(broken).toEqual([]);
  });

  it('slugs headings as GitHub does', () => {
    const slugs = headingSlugs('# Candor\n## `candor report`: how you know\n### Two files: what runs in `<head>`, and what waits\n## "Why am I seeing this?": the visitor\'s explanation\n## Limits\n## Limits\n```\n# not a heading\n```\n### Hashing (`hashVersion: 2`)');
    expect([...slugs]).toEqual(['candor', 'candor-report-how-you-know', 'two-files-what-runs-in-head-and-what-waits', 'why-am-i-seeing-this-the-visitors-explanation', 'limits', 'limits-1', 'hashing-hashversion-2']);
  });

  it('finds links, not code', () => {
    expect(linkTargets('See [a](docs/a.md#x) and ![img](i.png "t"), not `[b](nope.md)`.\n```\n[c](nope.md)\n```\n[ref]: other.md').map((l) => l.target)).toEqual(['docs/a.md#x', 'i.png', 'other.md']);
  });
});
