/**
 * A personalized visitor never sees the standard content painted. The probe (pages/flicker/probe.js) records what the
 * hero headline shows in every frame. The page is streamed in two parts with the second held until the probe saw the
 * slot in three frames, so the browser really paints a half-loaded page, with the split inside the slot or right after it
 * (the two places where a network chunk boundary could expose the standard content). A control page, which runs the
 * same loader deferred, must be caught by the same detector.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useHarness, nextFrames } from './script-tag-harness.js';

const STANDARD = 'Standard headline';
const PERSONALIZED = 'Built for healthcare teams';
const pages = new URL('./pages/flicker/', import.meta.url);

/** Requests waiting for the probe's "the slot was painted, send the rest" signal. */
let release: (() => void) | undefined;

const h = useHarness(async (req, res, url) => {
  if (url.pathname === '/stream-release') {
    release?.();
    res.writeHead(204).end();
    return true;
  }
  const match = /^\/stream\/([\w-]+\.html)$/.exec(url.pathname);
  if (!match?.[1]) return false;
  const html = await readFile(new URL(match[1], pages), 'utf8');
  const marker = `<!--split:${url.searchParams.get('split') ?? 'none'}-->`;
  const at = html.indexOf(marker);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  if (at < 0) {
    res.end(html);
    return true;
  }
  res.write(html.slice(0, at));
  // Held until the probe asks; the timeout only keeps a broken page from hanging the test (it then fails on frames).
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    release = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  release = undefined;
  res.end(html.slice(at + marker.length));
  return true;
});

interface Probe {
  frames: string[];
  paints: [string, number][];
  slotFrames: number;
  released: boolean;
}

/** Loads a streamed page and returns what the probe recorded once the page is complete and rendered. */
async function record(file: string, split: string, query = '&utm_campaign=health-2026'): Promise<Probe> {
  const { page, pageErrors } = await h.open();
  await page.goto(`${h.origin}/stream/${file}?split=${split}${query}`, { waitUntil: 'load' });
  await nextFrames(page);
  const probe = await page.evaluate(() => (window as unknown as { flickerProbe: Probe }).flickerProbe);
  expect(pageErrors).toEqual([]);
  await page.context().close();
  return probe;
}

describe('flicker', () => {
  it.each(['inside', 'after', 'none'])('a personalized visitor never has the standard headline painted (split %s the slot)', async (split) => {
    const probe = await record('stream.html', split);
    if (split !== 'none') {
      // The detector really watched a painted, half-loaded page with the slot in it.
      expect(probe.released).toBe(true);
      expect(probe.slotFrames).toBeGreaterThanOrEqual(3);
      expect(probe.paints.map(([name]) => name)).toContain('first-contentful-paint');
    }
    expect(probe.frames).not.toContain(STANDARD);
    expect(probe.frames.at(-1)).toBe(PERSONALIZED);
  });

  it('a standard visitor sees the standard headline at once: never hidden, never swapped', async () => {
    const probe = await record('stream.html', 'after', '');
    expect(probe.frames.at(-1)).toBe(STANDARD);
    expect(probe.frames).not.toContain(PERSONALIZED);
    expect(probe.frames).not.toContain('hidden');
  });

  it('the detector catches a page that applies the same experience late (control)', async () => {
    const probe = await record('stream-late.html', 'after');
    expect(probe.frames).toContain(STANDARD);
    expect(probe.frames.at(-1)).toBe(PERSONALIZED);
  });
});
