import { describe, expect, it } from 'vitest';
import { urlReader } from '../../../src/signals/readers/url-reader.js';
import { utmReader } from '../../../src/signals/readers/utm-reader.js';
import { recordPageView } from '../../../src/storage/record-page-view.js';
import { emptyMemory } from '../../../src/storage/visitor-state.js';
import { makeEnv, MONDAY_NOON_UTC } from './make-env.js';

const CAMPAIGN = 'https://www.example.com/solutions/health?utm_source=linkedin&utm_medium=paid-social&utm_campaign=health-q1&utm_content=video%20a&plan=pro';

describe('urlReader', () => {
  it('reads host, path and every link parameter', () => {
    expect(urlReader.read(makeEnv({ url: CAMPAIGN }))).toEqual({
      'url.host': 'www.example.com',
      'url.path': '/solutions/health',
      'query.utm_source': 'linkedin',
      'query.utm_medium': 'paid-social',
      'query.utm_campaign': 'health-q1',
      'query.utm_content': 'video a',
      'query.plan': 'pro',
    });
  });

  it('bounds what a crafted URL can put in the snapshot', () => {
    const many = Array.from({ length: 40 }, (_, i) => `p${i}=${'v'.repeat(500)}`).join('&');
    const out = urlReader.read(makeEnv({ url: `https://example.com/?a.b=1&${many}` }));
    const query = Object.keys(out).filter((k) => k.startsWith('query.'));
    expect(query).toHaveLength(20);
    expect(out['query.a.b']).toBeUndefined();
    expect(out['query.p0']).toHaveLength(200);
  });
});

describe('utmReader', () => {
  it('reads the campaign from the landing URL', () => {
    expect(utmReader.read(makeEnv({ url: CAMPAIGN }))).toEqual({
      'utm.source': 'linkedin',
      'utm.medium': 'paid-social',
      'utm.campaign': 'health-q1',
      'utm.content': 'video a',
    });
  });

  it('keeps the campaign for the rest of the visit', () => {
    let memory = recordPageView(emptyMemory(), { url: CAMPAIGN, referrer: 'https://www.linkedin.com/', sections: {} }, MONDAY_NOON_UTC);
    memory = recordPageView(memory, { url: 'https://www.example.com/pricing', referrer: CAMPAIGN, sections: {} }, MONDAY_NOON_UTC + 120_000);
    expect(utmReader.read(makeEnv({ url: 'https://www.example.com/pricing', memory }))['utm.campaign']).toBe('health-q1');
  });

  it('a new campaign click mid-visit replaces the landing campaign', () => {
    const memory = recordPageView(emptyMemory(), { url: CAMPAIGN, referrer: '', sections: {} }, MONDAY_NOON_UTC);
    const out = utmReader.read(makeEnv({ url: 'https://www.example.com/?utm_source=newsletter&utm_medium=email', memory }));
    expect(out).toEqual({ 'utm.source': 'newsletter', 'utm.medium': 'email' });
  });

  it('gives nothing without a campaign', () => {
    expect(utmReader.read(makeEnv({ url: 'https://example.com/?q=forms' }))).toEqual({});
  });
});
