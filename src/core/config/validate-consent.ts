import { isRecord } from '../conditions/is-record.js';
import type { ConsentConfig } from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { isTier, rank, bool, fields, report, type Problems } from './config-readers.js';

/**
 * The config's `consent`, with its defaults. An unreadable tier falls back to the safest, `low`; a `withGpc` looser
 * than `default` becomes `default`.
 */
export function validateConsent(c: unknown, r: Problems): ConsentConfig {
  const consent: ConsentConfig = { default: CONFIG_DEFAULTS.consentDefault, withGpc: CONFIG_DEFAULTS.consentWithGpc };
  if (isRecord(c)) {
    fields(r, c, 'consent', 'consent');
    for (const key of ['default', 'withGpc'] as const) {
      const v = c[key];
      if (isTier(v)) consent[key] = v;
      else if (v !== undefined) {
        report(r, 'invalid-tier', `consent.${key}`, key, v, 'consent');
        consent[key] = 'low';
      }
    }
    if (rank(consent.withGpc) > rank(consent.default)) {
      report(r, 'tier-too-loose', 'consent.withGpc', consent.withGpc, consent.default, 'consent');
      consent.withGpc = consent.default;
    }
    bool(r, c, 'ask', 'consent');
    if (c.ask === true) consent.ask = true;
  } else if (c !== undefined) {
    report(r, 'wrong-type', 'consent', c, 'consent');
    consent.default = 'low';
  }
  return consent;
}
