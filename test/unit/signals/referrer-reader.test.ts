import { describe, expect, it } from 'vitest';
import { referrerReader } from '../../../src/signals/readers/referrer-reader.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';
import { makeEnv, MONDAY_NOON_UTC } from './make-env.js';

const read = (referrer: string, url = 'https://www.example.com/pricing') => referrerReader.read(makeEnv({ url, referrer }));

describe('referrerReader', () => {
  it.each([
    ['https://www.google.com/', 'google.com', 'search'],
    ['https://www.google.co.uk/', 'google.co.uk', 'search'],
    ['https://www.bing.com/search?q=forms', 'bing.com', 'search'],
    ['https://duckduckgo.com/', 'duckduckgo.com', 'search'],
    ['https://search.yahoo.co.jp/', 'search.yahoo.co.jp', 'search'],
    ['https://www.linkedin.com/', 'linkedin.com', 'social'],
    ['https://lnkd.in/eXaMpLe', 'lnkd.in', 'social'],
    ['https://t.co/AbC123', 't.co', 'social'],
    ['https://x.com/', 'x.com', 'social'],
    ['https://twitter.com/', 'twitter.com', 'social'],
    ['https://l.facebook.com/', 'l.facebook.com', 'social'],
    ['https://m.facebook.com/', 'm.facebook.com', 'social'],
    ['https://mail.google.com/', 'mail.google.com', 'email'],
    ['https://outlook.live.com/', 'outlook.live.com', 'email'],
    ['https://news.example.org/story', 'news.example.org', 'other'],
    ['https://www.example.com/blog', 'example.com', 'internal'],
  ])('%s → host %s, kind %s', (referrer, host, kind) => {
    expect(read(referrer)).toEqual({ 'referrer.host': host, 'referrer.kind': kind });
  });

  it('is direct with no referrer, and says no host', () => {
    expect(read('')).toEqual({ 'referrer.host': undefined, 'referrer.kind': 'direct' });
  });

  it.each([
    ['cpc', 'https://www.google.com/', 'paid'],
    ['PPC', 'https://www.bing.com/', 'paid'],
    ['paid-social', 'https://www.linkedin.com/', 'paid'],
    ['email', '', 'email'],
    ['newsletter', 'https://news.example.org/', 'email'],
    ['social', '', 'social'],
  ])('utm_medium=%s beats the host (%s): %s', (medium, referrer, kind) => {
    expect(read(referrer, `https://example.com/?utm_source=x&utm_medium=${medium}`)['referrer.kind']).toBe(kind);
  });

  it('counts a Google Ads click id as paid', () => {
    expect(read('https://www.google.com/', 'https://example.com/?gclid=Cj0KCQ')['referrer.kind']).toBe('paid');
  });

  it('keeps the referrer and campaign that started the visit on later pages', () => {
    let memory = recordPageView(emptyMemory(), { url: 'https://example.com/?utm_medium=cpc&gclid=x', referrer: 'https://www.google.com/', sections: {} }, MONDAY_NOON_UTC);
    memory = recordPageView(memory, { url: 'https://example.com/docs', referrer: 'https://example.com/', sections: {} }, MONDAY_NOON_UTC + 60_000);
    const env = makeEnv({ url: 'https://example.com/docs', referrer: 'https://example.com/', memory });
    expect(referrerReader.read(env)).toEqual({ 'referrer.host': 'google.com', 'referrer.kind': 'paid' });
  });

  it('a direct visit stays direct on later pages', () => {
    let memory = recordPageView(emptyMemory(), { url: 'https://example.com/', referrer: '', sections: {} }, MONDAY_NOON_UTC);
    memory = recordPageView(memory, { url: 'https://example.com/docs', referrer: 'https://example.com/', sections: {} }, MONDAY_NOON_UTC + 60_000);
    expect(referrerReader.read(makeEnv({ url: 'https://example.com/docs', referrer: 'https://example.com/', memory }))['referrer.kind']).toBe('direct');
  });

  it('a new external referrer mid-visit wins over the landing one', () => {
    const memory = recordPageView(emptyMemory(), { url: 'https://example.com/', referrer: 'https://www.google.com/', sections: {} }, MONDAY_NOON_UTC);
    const env = makeEnv({ url: 'https://example.com/blog', referrer: 'https://www.linkedin.com/', memory });
    expect(referrerReader.read(env)).toEqual({ 'referrer.host': 'linkedin.com', 'referrer.kind': 'social' });
  });
});
