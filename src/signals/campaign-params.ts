import type { SignalEnv } from './signal-env.js';

const CAMPAIGN = /^(utm_|gclid$|msclkid$)/;

/**
 * The campaign parameters that apply to this page view: this page's own when its URL carries any (a new campaign click),
 * else the session's landing URL's, so a campaign lasts the whole visit.
 */
export function campaignParams(env: SignalEnv): URLSearchParams {
  const here = new URL(env.url).searchParams;
  const landing = env.memory.session.landingUrl;
  return [...here.keys()].some((k) => CAMPAIGN.test(k)) || !landing ? here : new URL(landing).searchParams;
}
