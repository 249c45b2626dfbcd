import { TIERS, type ConsentState, type Tier, type ValidConfig } from '../types.js';

/**
 * Whether data of `tier` may be read, stored and used under the cap `cap`.
 * Unknown tiers are never allowed, and an unknown cap allows nothing.
 * @example tierAllowed('relationship', 'low') // false
 * @example tierAllowed('low', 'relationship') // true
 */
export function tierAllowed(tier: Tier, cap: Tier): boolean {
  const t = TIERS.indexOf(tier);
  return t >= 0 && t <= TIERS.indexOf(cap);
}

const isTier = (value: unknown): value is Tier => TIERS.includes(value as Tier);

/**
 * The visitor's consent state: the tier cap is the visitor's (or site's) choice, else the config's
 * `consent.default`; Global Privacy Control or Do Not Track lowers it to `consent.withGpc`, never raises it.
 * Anything that is not a tier (say, a damaged stored choice) counts as no choice; a config without a usable
 * default caps at `low`.
 * @param chosen the tier the visitor or the site's consent banner chose, if any.
 * @param gpc `navigator.globalPrivacyControl === true` or `navigator.doNotTrack === "1"`.
 * @example consentState(config, undefined, true) // { tier: 'low', gpc: true } with the default `withGpc`
 */
export function consentState(config: ValidConfig, chosen: Tier | undefined, gpc: boolean): ConsentState {
  const fallback: Tier = isTier(config.consent.default) ? config.consent.default : 'low';
  let tier: Tier = isTier(chosen) ? chosen : fallback;
  if (gpc) {
    const withGpc: Tier = isTier(config.consent.withGpc) ? config.consent.withGpc : 'low';
    if (!tierAllowed(tier, withGpc)) tier = withGpc;
  }
  return { tier, gpc };
}
