import { campaignParams } from '../campaign-params.js';
import type { SignalReader } from '../signal-reader.js';

const host = (url: string): string => (url ? new URL(url).hostname.replace(/^www\./, '') : '');

// Short on purpose: every byte ships to every visitor. Webmail is tested before search (mail.google.com is not a search).
const EMAIL = /(^|\.)(mail|outlook)\./;
const SEARCH = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|naver)\.[a-z.]+$/;
const SOCIAL = /(^|\.)(facebook|instagram|linkedin|lnkd|t|x|twitter|reddit|youtube|pinterest|tiktok|threads|bsky)\.[a-z.]+$/;

/**
 * `referrer.host` (hostname without `www.`) and `referrer.kind`, first match wins:
 * `paid` (utm_medium cpc, ppc, paid…, cpm, display, or a gclid/msclkid), `email` (utm_medium email/newsletter, or webmail),
 * `social` (utm_medium social…, or a social network), `search`, `direct` (no referrer), `internal` (this site), `other`.
 * An external referrer on this page wins; otherwise the referrer that started the visit is used, so the kind lasts the visit.
 */
export const referrerReader: SignalReader = {
  name: 'referrer',
  tier: 'low',
  read(env) {
    const self = host(env.url);
    const now = host(env.referrer);
    const ref = (now && now !== self) || !env.memory.session.start ? now : host(env.memory.session.referrer);
    const p = campaignParams(env);
    const medium = (p.get('utm_medium') ?? '').toLowerCase();
    const kind =
      /^(cpc|ppc|paid.*|cpm|display)$/.test(medium) || p.has('gclid') || p.has('msclkid')
        ? 'paid'
        : /^(e-?mail|newsletter)$/.test(medium) || EMAIL.test(ref)
          ? 'email'
          : medium.startsWith('social') || SOCIAL.test(ref)
            ? 'social'
            : SEARCH.test(ref)
              ? 'search'
              : !ref
                ? 'direct'
                : ref === self
                  ? 'internal'
                  : 'other';
    return { 'referrer.host': ref || undefined, 'referrer.kind': kind };
  },
};
