import { isRecord } from '../conditions/is-record.js';
import type { ValidConfig, ValidationResult } from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import { fields, isSafeUrl, report, share, str, type Problems } from './config-readers.js';
import { toPlainJson } from './to-plain-json.js';
import { validateAsk } from './validate-ask.js';
import { validateAudiences } from './validate-audiences.js';
import { validateConsent } from './validate-consent.js';
import { validateDeclare, validateGoals, validateSections } from './validate-names.js';
import { validateSlots } from './validate-slots.js';

/**
 * Validates a site's config (parsed JSON, or anything else) and resolves its audiences.
 *
 * Defaults: `holdout` 0.05, slot `control` 0.1 and `explore` 0.1 (the same in every slot that is not `independent`), `consent` `{ default: "relationship",
 * withGpc: "low" }`, `ask.share` 0.02. Each audience gets its effective tier (the highest tier among the
 * signals its rule reads, or its declared `tier` when stricter) and the list of signals it reads.
 *
 * Every problem is reported with its JSON path, its params, what is wrong and how to fix it (codes in
 * {@link CONFIG_ERROR_CODES}, texts in src/core/errors/error-messages.ts); in the script-tag build, which has no
 * error table, message and fix are empty strings. Invalid parts are dropped and the rest keeps working: an audience with
 * a problem is dropped with the experiences that target it; an experience with a problem is dropped;
 * a slot with bad shares is dropped (its standard content shows); a slot with no valid experiences stays
 * with an empty list; an unreadable consent tier becomes `low`. A config without a usable `v`,
 * `version`, `salt` or `holdout` gives `config: null`: the standard page everywhere.
 *
 * Never throws, whatever it is given (cycles, getters that throw, proxies, huge inputs).
 *
 * @example
 * const { config, errors } = validateConfig(JSON.parse(text));
 * for (const error of errors) console.error(formatConfigError(error));
 */
export function validateConfig(input: unknown): ValidationResult {
  const errors: Problems = [];
  try {
    return { config: build(input, errors), errors };
  } catch (error) {
    report(errors, 'internal-error', '', error instanceof Error ? error.message : 'unknown error');
    return { config: null, errors };
  }
}

function build(input: unknown, r: Problems): ValidConfig | null {
  const root = toPlainJson(input, r);
  if (!isRecord(root)) {
    if (!r.length) report(r, 'not-an-object', '', root);
    return null;
  }

  // ---- identity: without these nothing can be assigned or measured ----
  const start = r.length;
  if (root.v === undefined) report(r, 'missing-field', 'v', 'v');
  else if (root.v !== 1) report(r, 'unsupported-version', 'v', root.v);
  const version = str(r, root, 'version', '', true);
  const salt = str(r, root, 'salt', '', true);
  const holdout = share(r, root, 'holdout', '', CONFIG_DEFAULTS.holdout);
  const fatal = r.length > start;
  fields(r, root, '', 'config');

  const consent = validateConsent(root.consent, r);
  // The names conditions may use: declare (plus ask.key) and sections.
  const declared = validateDeclare(root, r);
  const sections = validateSections(root, r);
  const scope = { sections: Object.keys(sections), declared };
  const goals = validateGoals(root, r);
  const { audiences, defined } = validateAudiences(root, scope, r);
  const slots = validateSlots(root, { audiences, defined, scope }, r);
  const ask = validateAsk(root.ask, defined, r);

  const privacyUrl = str(r, root, 'privacyUrl', '', false);
  const urlOk = privacyUrl !== undefined && isSafeUrl(privacyUrl);
  if (privacyUrl !== undefined && !urlOk) report(r, 'unsafe-url', 'privacyUrl', privacyUrl, 'privacyUrl');

  if (fatal || version === undefined || salt === undefined || holdout === undefined) return null;
  const config: ValidConfig = { v: 1, version, salt, holdout, consent, audiences, slots };
  if (root.sections !== undefined) config.sections = sections;
  if (root.declare !== undefined || declared.length) config.declare = declared;
  if (root.goals !== undefined) config.goals = goals;
  if (ask) config.ask = ask;
  if (urlOk) config.privacyUrl = privacyUrl;
  return config;
}
