import { describe, expect, it } from 'vitest';
import { recordPageView, SESSION_TIMEOUT } from '../../../src/storage/record-page-view.js';
import { emptyMemory, type VisitorMemory } from '../../../src/storage/visitor-state.js';

const T0 = Date.UTC(2026, 0, 5, 9);
const MIN = 60_000;
const view = (m: VisitorMemory, path: string, at: number, referrer = '') =>
  recordPageView(m, { url: 'https://example.com' + path, referrer, sections: { docs: '/docs/', pricing: '/pricing' } }, at);

describe('recordPageView', () => {
  it('starts a session on the first view, keeping only campaign parameters and the referrer origin', () => {
    const m = view(emptyMemory(), '/docs/a?utm_campaign=q1&email=jane%40example.com&gclid=abc', T0, 'https://www.google.com/search?q=private');
    expect(m.session).toEqual({
      start: T0,
      pageviews: 1,
      landingPath: '/docs/a',
      landingUrl: 'https://example.com/docs/a?utm_campaign=q1&gclid=abc',
      referrer: 'https://www.google.com',
    });
    expect(m.visits).toEqual({ count: 1, sessions: 1, first: T0, last: 0, lastActivity: T0 });
    expect(m.pages).toEqual({ docs: 1 });
  });

  it('continues the session within 30 minutes of activity and starts a new one after', () => {
    let m = view(emptyMemory(), '/', T0, 'https://www.google.com/');
    m = view(m, '/docs/a', T0 + 29 * MIN);
    m = view(m, '/docs/b', T0 + 29 * MIN + SESSION_TIMEOUT); // exactly 30 minutes: same session
    expect(m.visits.sessions).toBe(1);
    expect(m.session.pageviews).toBe(3);
    expect(m.session.landingPath).toBe('/');

    const lastActivity = m.visits.lastActivity;
    m = view(m, '/pricing', lastActivity + SESSION_TIMEOUT + 1, 'https://www.linkedin.com/');
    expect(m.visits).toEqual({ count: 4, sessions: 2, first: T0, last: lastActivity, lastActivity: lastActivity + SESSION_TIMEOUT + 1 });
    expect(m.session).toMatchObject({ start: lastActivity + SESSION_TIMEOUT + 1, pageviews: 1, landingPath: '/pricing', referrer: 'https://www.linkedin.com' });
    expect(m.pages).toEqual({ docs: 2, pricing: 1 });
  });

  it('resets the session scroll depth with a new session', () => {
    let m = { ...view(emptyMemory(), '/', T0), engagement: { scrollDepth: 90, activeSeconds: 60 } };
    m = view(m, '/a', T0 + MIN);
    expect(m.engagement.scrollDepth).toBe(90);
    m = view(m, '/b', T0 + 2 * MIN + SESSION_TIMEOUT);
    expect(m.engagement).toEqual({ scrollDepth: 0, activeSeconds: 60 });
  });

  it('keeps the last 10 distinct paths, most recent first', () => {
    let m = emptyMemory();
    for (let i = 0; i < 15; i++) m = view(m, `/p${i}`, T0 + i * MIN);
    m = view(m, '/p10', T0 + 20 * MIN);
    expect(m.recent).toEqual(['/p10', '/p14', '/p13', '/p12', '/p11', '/p9', '/p8', '/p7', '/p6', '/p5']);
  });

  it('does not change the memory it was given', () => {
    const before = emptyMemory();
    view(before, '/docs/x', T0);
    expect(before).toEqual(emptyMemory());
  });

  it('ignores a URL it cannot parse', () => {
    const m = emptyMemory();
    expect(recordPageView(m, { url: 'not a url', referrer: '', sections: {} }, T0)).toBe(m);
  });
});
