import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { startCandor } from '../../../src/instance/start-candor.js';
import { readConfig } from '../../../src/core/config/read-config.js';
import { validateConfig } from '../../../src/core/config/validate-config.js';
import { openVisit } from '../../../src/visit/open-visit.js';

/** As the script tag's runtime before the explanation file has loaded: no explanation code. */
const NO_EXPLAIN = { current: () => undefined, load: () => Promise.resolve() };

/** A config with a problem validation reports (an unknown field) and the first pass's reading does not look at. */
const raw = {
  v: 1,
  version: '2026-12-01.1',
  salt: 'acme-q4',
  holdout: 0,
  colour: 'teal',
  audiences: { healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came here from our healthcare campaign.' } },
  slots: { hero: { control: 0, explore: 0, experiences: [{ id: 'hero-health', audience: 'healthcare' }] } },
};

function firstPass() {
  const win = new JSDOM('<!doctype html><p>hi</p>', { url: 'https://acme.test/?utm_campaign=health-q4' }).window as unknown as Window;
  const visit = openVisit({ config: readConfig(raw), win, now: () => Date.now(), visitorId: 'visitor-1' });
  expect(visit.decide('hero').experience).toBe('hero-health');
  return { win, visit };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('startCandor continuing a first pass', () => {
  it('validates a config this browser has not validated: a problem reverts the page and is reported', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { win, visit } = firstPass();
    const onInvalid = vi.fn();
    const onValid = vi.fn();
    const candor = startCandor({ config: raw, window: win }, { visit, onInvalid, onValid }, { validate: validateConfig, explanations: NO_EXPLAIN });
    expect(onInvalid).toHaveBeenCalledOnce();
    expect(onValid).not.toHaveBeenCalled();
    expect(candor.decide('hero').experience).toBe('baseline');
    expect(error.mock.calls.join('\n')).toContain('colour');
  });

  it('trusts the first pass’s reading of a config this browser already validated: no validation, nothing reverted', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { win, visit } = firstPass();
    const onInvalid = vi.fn();
    const onValid = vi.fn();
    const candor = startCandor({ config: raw, window: win }, { visit, onInvalid, onValid }, { validate: undefined, explanations: NO_EXPLAIN });
    expect(onInvalid).not.toHaveBeenCalled();
    expect(onValid).not.toHaveBeenCalled();
    expect(candor.decide('hero').experience).toBe('hero-health');
    expect(error).not.toHaveBeenCalled();
  });
});

describe('startCandor after a client-side navigation the first pass saw alone', () => {
  /** Two views: the home banner and the pricing banner each have an experience for visitors reading about pricing. */
  const spa = {
    v: 1,
    version: '2026-12-02.1',
    salt: 'spa',
    holdout: 0,
    audiences: { 'pricing-reader': { when: { 'url.path': { $regex: '^/spa/pricing' } }, reason: 'You are reading about pricing.' } },
    slots: {
      'home-banner': { control: 0, explore: 0, experiences: [{ id: 'home-offer', audience: 'pricing-reader' }] },
      'pricing-banner': { control: 0, explore: 0, experiences: [{ id: 'pricing-offer', audience: 'pricing-reader' }] },
    },
  };

  it('logs what the first pass decided, as decided: the home view left behind is not decided again with the new address', async () => {
    const win = new JSDOM('<!doctype html><p>home</p>', { url: 'https://acme.test/spa/' }).window as unknown as Window;
    const visit = openVisit({ config: readConfig(spa), win, now: () => Date.now(), visitorId: 'visitor-1' });
    expect(visit.decide('home-banner').experience).toBe('baseline');
    // The router moves to the pricing view before the runtime has loaded; the first pass decides the new view's slot.
    win.history.pushState({}, '', '/spa/pricing');
    expect(visit.decide('pricing-banner').experience).toBe('pricing-offer');

    const candor = startCandor({ config: spa, window: win }, { visit, onInvalid: vi.fn(), onValid: vi.fn() }, { validate: undefined, explanations: NO_EXPLAIN });
    const exposures: { slot?: string; experience?: string }[] = [];
    candor.on('event', (event) => {
      if (event.type === 'exposure') exposures.push({ slot: event.slot, experience: event.experience });
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exposures).toEqual([
      { slot: 'home-banner', experience: 'baseline' },
      { slot: 'pricing-banner', experience: 'pricing-offer' },
    ]);

    // Back to the home view: it is decided with its own address, and shows its standard content.
    win.history.back();
    await new Promise((resolve) => win.addEventListener('popstate', resolve, { once: true }));
    expect(candor.decide('home-banner').experience).toBe('baseline');
  });

  it('counts a page view the first pass alone saw, to a view without slots, once', () => {
    const win = new JSDOM('<!doctype html><p>home</p>', { url: 'https://acme.test/spa/' }).window as unknown as Window;
    const visit = openVisit({ config: readConfig(spa), win, now: () => Date.now(), visitorId: 'visitor-1' });
    expect(visit.decide('home-banner').experience).toBe('baseline');
    win.history.pushState({}, '', '/spa/about');
    startCandor({ config: spa, window: win }, { visit, onInvalid: vi.fn(), onValid: vi.fn() }, { validate: undefined, explanations: NO_EXPLAIN });
    expect(visit.state?.memory.visits.count).toBe(2);
    expect(visit.state?.memory.recent).toEqual(['/spa/about', '/spa/']);
  });

  it('does not count a change of the #fragment alone (an in-page link, a scroll-spy) as a page view, before or at start', () => {
    const win = new JSDOM('<!doctype html><p>home</p>', { url: 'https://acme.test/spa/' }).window as unknown as Window;
    const visit = openVisit({ config: readConfig(spa), win, now: () => Date.now(), visitorId: 'visitor-1' });
    win.history.replaceState({}, '', '/spa/#pricing');
    expect(visit.decide('home-banner').experience).toBe('baseline');
    win.history.replaceState({}, '', '/spa/#faq');
    startCandor({ config: spa, window: win }, { visit, onInvalid: vi.fn(), onValid: vi.fn() }, { validate: undefined, explanations: NO_EXPLAIN });
    expect(visit.state?.memory.visits.count).toBe(1);
    expect(visit.state?.memory.recent).toEqual(['/spa/']);
    // A hash router says so itself: `candor.page(url)` counts the new fragment.
    visit.recordPage('https://acme.test/spa/#/pricing');
    expect(visit.state?.memory.visits.count).toBe(2);
  });
});
