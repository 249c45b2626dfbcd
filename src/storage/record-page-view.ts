import { LIMITS, type VisitorMemory } from './visitor-state.js';

/** A session ends after this long without activity (ms). */
export const SESSION_TIMEOUT = 30 * 60 * 1000;

/** What a page view tells memory. */
export interface PageViewInput {
  /** The page's full URL. */
  url: string;
  /** `document.referrer` ('' for none). */
  referrer: string;
  /** Config sections: name → path prefix. */
  sections: Record<string, string>;
}

/**
 * Records a page view: starts a new session when the last activity is more than 30 minutes old,
 * counts the view per matching section and keeps the last 10 distinct paths. Pure; returns a new memory.
 * Call {@link capMemory} on the result before storing it.
 * @example memory = capMemory(recordPageView(memory, { url: location.href, referrer: document.referrer, sections }, Date.now()), tier)
 */
export function recordPageView(memory: VisitorMemory, input: PageViewInput, now: number): VisitorMemory {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return memory;
  }
  const path = url.pathname.slice(0, LIMITS.text);
  const visits = { ...memory.visits };
  let session = memory.session;
  if (!session.start || now - visits.lastActivity > SESSION_TIMEOUT) {
    // Only the campaign parameters of the landing URL are kept: others may carry personal data.
    const utm = new URLSearchParams([...url.searchParams].filter(([k]) => /^(utm_|gclid$|msclkid$)/.test(k)));
    let referrer = '';
    // Most first page views have no referrer: no exception thrown and caught for them.
    if (input.referrer) {
      try {
        referrer = new URL(input.referrer).origin;
      } catch {
        // Not a URL.
      }
    }
    session = { start: now, pageviews: 0, landingPath: path, landingUrl: (url.origin + path + '?' + String(utm)).slice(0, 500), referrer };
    if (visits.lastActivity) visits.last = visits.lastActivity;
    visits.sessions++;
  }
  visits.count++;
  visits.first ||= now;
  visits.lastActivity = now;
  const pages = { ...memory.pages };
  for (const [name, prefix] of Object.entries(input.sections)) {
    if (path.startsWith(prefix) && (name in pages || Object.keys(pages).length < LIMITS.keys)) pages[name] = (pages[name] ?? 0) + 1;
  }
  return {
    ...memory,
    visits,
    session: { ...session, pageviews: session.pageviews + 1 },
    pages,
    recent: [path, ...memory.recent.filter((p) => p !== path)].slice(0, LIMITS.recent),
    // Scroll depth is per session.
    engagement: session === memory.session ? memory.engagement : { ...memory.engagement, scrollDepth: 0 },
  };
}
