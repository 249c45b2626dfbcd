import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readConfig } from '../../../src/core/config/read-config.js';
import { openVisit } from '../../../src/visit/open-visit.js';
import { logged, unlogged } from '../../../src/visit/exposures.js';
import { confirmConfig, decisionsOf, revokeConfig } from '../../../src/visit/continue-visit.js';
import { unloggedElsewhere } from '../../../src/visit/unlogged-elsewhere.js';

const config = readConfig({
  v: 1,
  version: '2026-12-01.1',
  salt: 'acme-q4',
  holdout: 0,
  consent: { default: 'relationship', withGpc: 'low' },
  audiences: { healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came here from our healthcare campaign.' } },
  slots: {
    hero: { control: 0, explore: 0, experiences: [{ id: 'hero-health', audience: 'healthcare' }] },
    proof: { control: 0, explore: 0, experiences: [] },
  },
});

/** One browser (one localStorage) for a whole journey; each call is a page view in it. */
function browser() {
  const dom = new JSDOM('<!doctype html><p>hi</p>', { url: 'https://acme.test/?utm_campaign=health-q4' });
  const win = dom.window as unknown as Window;
  const page = (url: string) => {
    dom.reconfigure({ url });
    return openVisit({ config, win, now: () => Date.now(), visitorId: 'visitor-1' });
  };
  return { win, page };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a visit records which exposures are logged, across page views', () => {
  it('a decision waits in unlogged until it is logged; the next page view does not log it again', async () => {
    expect(config).not.toBeNull();
    const { page } = browser();
    const first = page('https://acme.test/?utm_campaign=health-q4');
    const decision = first.decide('hero');
    expect(decision.experience).toBe('hero-health');
    expect(unlogged(first, 'hero').map((u) => u.decision.decisionId)).toEqual([decision.decisionId]);
    logged(first, [decision]);
    expect(unlogged(first, 'hero')).toEqual([]);
    await settle();

    const second = page('https://acme.test/pricing');
    second.decide('hero');
    expect(unlogged(second)).toEqual([]);
    expect(unloggedElsewhere(second)).toEqual([]);
  });

  it('a decision left unlogged (the visitor left before the runtime) is found by the next page view, which does not show that slot', async () => {
    const { page } = browser();
    const first = page('https://acme.test/?utm_campaign=health-q4');
    const decision = first.decide('hero');
    await settle();

    const second = page('https://acme.test/about');
    const waiting = unloggedElsewhere(second);
    expect(waiting.map((d) => [d.slot, d.decisionId])).toEqual([['hero', decision.decisionId]]);
    logged(second, waiting);
    await settle();
    expect(unloggedElsewhere(page('https://acme.test/about'))).toEqual([]);
  });

  it('revoking the config forgets what was decided from it and keeps no unlogged assignment; confirming keeps it', async () => {
    const { page } = browser();
    const revoked = page('https://acme.test/?utm_campaign=health-q4');
    revoked.decide('hero');
    revokeConfig(revoked);
    expect(revoked.config).toBeNull();
    expect(decisionsOf(revoked).size).toBe(0);
    expect(revoked.decide('hero').experience).toBe('baseline');
    await settle();
    expect(page('https://acme.test/').state?.assignments.hero).toBeUndefined();

    const confirmed = page('https://acme.test/?utm_campaign=health-q4');
    confirmed.decide('hero');
    confirmConfig(confirmed, config);
    expect(decisionsOf(confirmed).get('hero')?.experience).toBe('hero-health');
  });

  it('a late slot shows its standard content for this page view with reason late-slot; its decision is logged as assigned and shows on the next page', async () => {
    const { page } = browser();
    const first = page('https://acme.test/?utm_campaign=health-q4');
    const assigned = first.decide('hero');
    expect(assigned.experience).toBe('hero-health');
    first.keepStandard('hero');
    expect(first.decide('hero')).toMatchObject({ experience: 'baseline', reason: 'late-slot', arm: assigned.arm, decisionId: assigned.decisionId });
    expect(first.shown('hero')).toMatchObject({ experience: 'baseline', reason: 'late-slot' });
    // Intent to treat: what is logged is the assignment, not what this page view could show.
    expect(unlogged(first, 'hero').map((u) => [u.decision.experience, u.decision.reason])).toEqual([['hero-health', 'audience-match']]);
    logged(first, [assigned]);
    await settle();

    const second = page('https://acme.test/pricing');
    expect(second.decide('hero')).toMatchObject({ experience: 'hero-health', reason: 'audience-match', decisionId: assigned.decisionId });
  });

  it('a new page view of the same visit (a client-side navigation) ends the late slot', () => {
    const { page } = browser();
    const visit = page('https://acme.test/?utm_campaign=health-q4');
    visit.decide('hero');
    visit.keepStandard('hero');
    expect(visit.shown('hero')?.experience).toBe('baseline');
    visit.recordPage('https://acme.test/pricing');
    expect(visit.shown('hero')?.experience).toBe('hero-health');
  });
});
