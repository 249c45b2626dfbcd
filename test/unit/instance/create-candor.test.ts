import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { createCandor } from '../../../src/instance/create-candor.js';
import type { CandorEvent, ExposureEvent } from '../../../src/core/types.js';

const config = {
  v: 1,
  version: '2026-11-22.1',
  salt: 'acme-q4',
  holdout: 0,
  consent: { default: 'relationship', withGpc: 'low' },
  declare: ['companySize'],
  sections: { docs: '/docs' },
  audiences: {
    healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came here from our healthcare campaign.' },
    developers: { when: { 'pages.docs': { $gte: 2 } }, reason: 'You have read our developer docs on this site.' },
    large: { when: { 'declared.companySize': { $in: ['1000+'] } }, reason: 'You told us your company size.', shadow: true },
  },
  slots: {
    hero: {
      control: 0,
      explore: 0,
      experiences: [
        { id: 'hero-health', audience: 'healthcare' },
        { id: 'hero-dev', audience: 'developers' },
      ],
    },
  },
};

function browser(url = 'https://acme.test/?utm_campaign=health-q4') {
  const dom = new JSDOM('<!doctype html><p>hi</p>', { url });
  return dom.window as unknown as Window;
}

function start(win: Window, overrides: Partial<Parameters<typeof createCandor>[0]> = {}) {
  const events: CandorEvent[] = [];
  const candor = createCandor({ config, window: win, onEvent: (e) => events.push(e), ...overrides });
  return { candor, events };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createCandor', () => {
  it('targets a campaign visitor and logs one intent-to-treat exposure with its propensity', () => {
    const win = browser();
    const { candor, events } = start(win);
    const decision = candor.decide('hero');
    expect(decision).toMatchObject({ experience: 'hero-health', arm: 'targeted', audience: 'healthcare', reason: 'audience-match' });
    candor.decide('hero');
    const exposures = events.filter((e): e is ExposureEvent => e.type === 'exposure');
    expect(exposures).toHaveLength(1);
    expect(exposures[0]).toMatchObject({ slot: 'hero', arm: 'targeted', experience: 'hero-health', propensity: 1, configVersion: '2026-11-22.1' });
    expect(JSON.stringify(exposures[0])).not.toContain('health-q4');
  });

  it('explain is read-only: asking why about a slot never rendered logs, stores and decides nothing', async () => {
    const win = browser();
    const { candor, events } = start(win);
    await Promise.resolve(); // the page view is saved at the end of the task
    const before = win.localStorage.getItem('candor:v1');
    expect(before).not.toBeNull();
    const why = candor.explain('hero');
    expect(why).toMatchObject({ experience: 'hero-health', reason: 'audience-match' });
    await Promise.resolve();
    expect(events.filter((e) => e.type === 'exposure')).toEqual([]);
    expect(win.localStorage.getItem('candor:v1')).toBe(before);
    // Rendering it afterwards logs the exposure once, as usual.
    candor.decide('hero');
    expect(events.filter((e) => e.type === 'exposure')).toHaveLength(1);
  });

  it('SPA: no match, then page() to docs twice, then the slot is decided again and logged with the new counterfactual', () => {
    const win = browser('https://acme.test/');
    const { candor, events } = start(win);
    expect(candor.decide('hero')).toMatchObject({ experience: 'baseline', reason: 'no-audience-match' });
    // What is on screen: the standard content, and the explanation says so even after the visitor qualifies.
    for (const path of ['/docs/a', '/docs/b']) {
      win.history.pushState({}, '', path);
      candor.page();
    }
    expect(candor.explain('hero')?.reason).toBe('no-audience-match');
    const again = candor.decide('hero');
    expect(again).toMatchObject({ experience: 'hero-dev', reason: 'audience-match', sticky: false });
    expect(candor.explain('hero')?.reason).toBe('audience-match');
    const exposures = events.filter((e): e is ExposureEvent => e.type === 'exposure');
    expect(exposures.map((e) => [e.experience, e.counterfactual])).toEqual([
      ['baseline', 'baseline'],
      ['hero-dev', 'hero-dev'],
    ]);
    expect(exposures[1]?.decisionId).not.toBe(exposures[0]?.decisionId);
  });

  it('setAttributes: a declared answer that makes an audience match decides the slot again on its next render', () => {
    const local = { ...config, audiences: { ...config.audiences, big: { when: { 'declared.companySize': '1000+' }, reason: 'You told us.' } }, slots: { hero: { ...config.slots.hero, experiences: [{ id: 'hero-big', audience: 'big' }] } } };
    const win = browser('https://acme.test/');
    const { candor } = start(win, { config: local });
    expect(candor.decide('hero').experience).toBe('baseline');
    candor.setAttributes({ companySize: '1000+' });
    expect(candor.decide('hero').experience).toBe('hero-big');
  });

  it('keeps the assignment sticky across page views and logs the exposure only once', async () => {
    const win = browser();
    const first = start(win);
    const d1 = first.candor.decide('hero');
    await Promise.resolve();
    // A later page view without the campaign: the visitor keeps what they saw.
    win.history.replaceState(null, '', '/pricing');
    const second = start(win);
    const d2 = second.candor.decide('hero');
    expect(d2.experience).toBe(d1.experience);
    expect(d2.sticky).toBe(true);
    expect(d2.decisionId).toBe(d1.decisionId);
    expect(second.events.filter((e) => e.type === 'exposure')).toHaveLength(0);
  });

  it('logs an exposure an earlier page view decided but never logged, for a slot this page does not show', async () => {
    const win = browser();
    const first = start(win);
    const d1 = first.candor.decide('hero');
    await Promise.resolve();
    // As if that page had been left before its exposure was logged (the script tag's runtime never ran).
    const stored = JSON.parse(win.localStorage.getItem('candor:v1') ?? '{}') as { assignments: Record<string, { exposed?: boolean }> };
    delete stored.assignments.hero?.exposed;
    win.localStorage.setItem('candor:v1', JSON.stringify(stored));
    win.history.replaceState(null, '', '/pricing');
    const second = start(win);
    await Promise.resolve();
    const exposures = second.events.filter((e): e is ExposureEvent => e.type === 'exposure');
    expect(exposures).toMatchObject([{ slot: 'hero', decisionId: d1.decisionId, experience: d1.experience, arm: d1.arm }]);
    // Once: a third page view finds it logged.
    await Promise.resolve();
    const third = start(win);
    await Promise.resolve();
    expect(third.events.filter((e) => e.type === 'exposure')).toEqual([]);
  });

  it('puts holdout visitors on the standard content and still logs their exposure', () => {
    const { candor, events } = start(browser(), { config: { ...config, holdout: 1 } });
    expect(candor.decide('hero')).toMatchObject({ experience: 'baseline', arm: 'holdout', counterfactual: 'hero-health' });
    expect(events.filter((e) => e.type === 'exposure')).toHaveLength(1);
  });

  it('shows the standard version when asked, remembers it, logs a trust event and keeps the assigned arm', async () => {
    const win = browser();
    const { candor, events } = start(win);
    candor.decide('hero');
    const changes: boolean[] = [];
    candor.on('change', ({ standard }) => changes.push(standard));
    candor.showStandard();
    expect(changes).toEqual([true]);
    expect(candor.decide('hero')).toMatchObject({ experience: 'baseline', arm: 'targeted', reason: 'show-standard' });
    expect(events.some((e) => e.type === 'trust' && e.kind === 'show_standard')).toBe(true);
    await Promise.resolve();
    const later = start(win);
    expect(later.candor.decide('hero').experience).toBe('baseline');
    later.candor.personalize();
    expect(later.candor.decide('hero').experience).toBe('hero-health');
  });

  it('marks an ask answer or dismissal as forced when only ?candor-ask (forceAsk) showed the prompt, and only then', () => {
    const ask = (share: number) => ({ ...config, ask: { key: 'companySize', question: 'How large?', options: ['1-10', '1000+'], share } });
    const asked = (share: number, forceAsk: boolean, answer: string | null) => {
      const { candor, events } = start(browser(), { config: ask(share), forceAsk });
      expect(candor.widget.askEligible()).toBe(true);
      candor.widget.answerAsk(answer);
      return events.filter((e) => e.type === 'trust' && (e.kind === 'ask_answered' || e.kind === 'ask_dismissed'));
    };
    expect(asked(0, true, '1000+')).toEqual([expect.objectContaining({ kind: 'ask_answered', answer: '1000+', forced: true })]);
    expect(asked(0, true, null)).toEqual([expect.objectContaining({ kind: 'ask_dismissed', forced: true })]);
    // Invited by the drawn share anyway: an ordinary answer, part of the random sample.
    const invited = asked(1, true, '1-10');
    expect(invited).toHaveLength(1);
    expect(invited[0]).not.toHaveProperty('forced');
    expect(asked(1, false, '1-10')[0]).not.toHaveProperty('forced');
  });

  it('forgets everything it stored and shows the standard content', async () => {
    const win = browser();
    const { candor } = start(win);
    candor.decide('hero');
    await Promise.resolve();
    expect(win.localStorage.length).toBeGreaterThan(0);
    await candor.forget();
    expect(win.localStorage.length).toBe(0);
    expect(candor.decide('hero').experience).toBe('baseline');
    await Promise.resolve();
    expect(win.localStorage.length).toBe(0);
  });

  it('lets consent cap what is used: a relationship audience does not match under the low tier', async () => {
    const win = browser('https://acme.test/docs/a');
    start(win);
    await Promise.resolve();
    win.history.replaceState(null, '', '/docs/b');
    const { candor } = start(win);
    expect(candor.decide('hero')).toMatchObject({ experience: 'hero-dev', audience: 'developers' });
    candor.setConsent('low');
    await Promise.resolve();
    const next = start(win);
    expect(next.candor.consent().tier).toBe('low');
    expect(next.candor.decide('hero')).toMatchObject({ experience: 'baseline', reason: 'no-audience-match' });
  });

  it('reports a broken config once, with its path, and shows the standard content', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { ...config, slots: { hero: { ...config.slots.hero, experiences: [{ id: 'x', audience: 'nope' }] } } };
    const { candor, events } = start(browser(), { config: broken });
    expect(candor.decide('hero').experience).toBe('baseline');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('slots.hero.experiences[0].audience');
    expect(events.filter((e) => e.type === 'exposure')).toHaveLength(1);
  });

  it('falls back to the standard content, without events, when storage is blocked', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const win = browser();
    Object.defineProperty(win, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    const { candor, events } = start(win);
    expect(candor.decide('hero')).toMatchObject({ experience: 'baseline', reason: 'no-visitor-id' });
    expect(events).toHaveLength(0);
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('forces an experience for QA without counting it', () => {
    const { candor, events } = start(browser('https://acme.test/'), { forced: { hero: 'hero-dev' } });
    expect(candor.decide('hero')).toMatchObject({ experience: 'hero-dev', forced: true });
    expect(events).toHaveLength(0);
  });

  it('records conversions and declared answers for allowed keys only', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { candor, events } = start(browser());
    candor.track('demo-request', 3);
    candor.setAttributes({ companySize: '1000+', secret: 'x' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'conversion', goal: 'demo-request', value: 3 }));
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('setAttributes.secret');
  });
});
