import { conditionSignals } from '../conditions/condition-signals.js';
import { isRecord } from '../conditions/is-record.js';
import { signalTier } from '../signals/signal-tiers.js';
import {
  BASELINE,
  TIERS,
  type AskConfig,
  type Audience,
  type Condition,
  type ConfigError,
  type ConsentConfig,
  type ExperienceConfig,
  type GoalConfig,
  type SlotConfig,
  type Tier,
  type ValidConfig,
  type ValidationResult,
} from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';
import type { ReportProblem } from './config-error-codes.js';
import { didYouMean } from './closest-name.js';
import { jsonPath } from './json-path.js';
import { showValue } from './show-value.js';
import { toPlainJson } from './to-plain-json.js';
import { validateCondition } from './validate-condition.js';
import { VERBOSE } from './verbose-errors.js';

type Obj = Record<string, unknown>;

/** The fields each part of a config may have. */
const FIELDS = {
  config: '$schema checked v version salt holdout consent audiences slots sections declare goals ask privacyUrl',
  consent: 'default withGpc ask',
  audience: 'when reason tier shadow label',
  slot: 'control explore independent experiences',
  experience: 'id audience eligible changes',
  change: 'selector text attrs template',
  goal: 'path',
  ask: 'key question options share segments',
};
/** How an error names each part (error text only). */
const NOUNS: Record<keyof typeof FIELDS, string> = {
  config: 'the config',
  consent: '"consent"',
  audience: 'an audience',
  slot: 'a slot',
  experience: 'an experience',
  change: 'a change',
  goal: 'a goal',
  ask: '"ask"',
};
const SAFE_ATTRS = ['href', 'src', 'alt', 'class', 'title', 'aria-label'];
const MAX_REASON = 280;
/** A BCP 47 language tag as pages write it in `<html lang>` (`en`, `de-CH`, `pt-BR`, `zh-Hant`). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;

const isTier = (x: unknown): x is Tier => TIERS.includes(x as Tier);
const rank = (tier: Tier) => TIERS.indexOf(tier);
/** http(s) or relative; control characters and spaces are removed first, as browsers do. */
const isSafeUrl = (url: string) => {
  const u = url.replace(/[\0- \x7f]/g, '');
  return !/^[a-z][a-z\d+.-]*:/i.test(u) || /^https?:/i.test(u);
};
const FIX_SHARE = 'Write shares as decimals from 0 to 1: 0.1 means 10%.';
const FIX_TIER = 'Use "low" (this visit only), "relationship" (remembered on this site or told to us) or "high" (inferred from behaviour).';

/**
 * Validates a site's config (parsed JSON, or anything else) and resolves its audiences.
 *
 * Defaults: `holdout` 0.05, slot `control` 0.1 and `explore` 0.1 (the same in every slot that is not `independent`), `consent` `{ default: "relationship",
 * withGpc: "low" }`, `ask.share` 0.02. Each audience gets its effective tier (the highest tier among the
 * signals its rule reads, or its declared `tier` when stricter) and the list of signals it reads.
 *
 * Every problem is reported with its JSON path, what is wrong and how to fix it (codes in
 * {@link CONFIG_ERROR_CODES}); in the script-tag build ({@link VERBOSE} false) message and fix are
 * empty strings. Invalid parts are dropped and the rest keeps working: an audience with
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
  const errors: ConfigError[] = [];
  const report: ReportProblem = (code, path, message, fix) => {
    errors.push({ code, path, message, fix });
  };
  try {
    return { config: build(input, errors, report), errors };
  } catch (error) {
    report(
      'internal-error',
      '',
      VERBOSE ? `Candor could not validate this config (${error instanceof Error ? error.message : 'unknown error'}).` : '',
      VERBOSE ? 'Please report this bug with the config; until then the standard page is shown.' : '',
    );
    return { config: null, errors };
  }
}

function build(input: unknown, errors: ConfigError[], report: ReportProblem): ValidConfig | null {
  const root = toPlainJson(input, report);
  if (!isRecord(root)) {
    if (!errors.length) {
      report(
        'not-an-object',
        '',
        VERBOSE ? `The config must be a JSON object, not ${showValue(root)}.` : '',
        VERBOSE ? 'Start from the example in docs/config.md: { "v": 1, "version": "...", "salt": "...", "audiences": {}, "slots": {} }.' : '',
      );
    }
    return null;
  }

  // ---- small readers; each reports what is wrong and returns undefined ----
  // Every message and fix is guarded by VERBOSE, so the script-tag build keeps none of the text.
  const fields = (o: Obj, p: string, part: keyof typeof FIELDS) => {
    const allowed = FIELDS[part].split(' ');
    for (const key of Object.keys(o)) {
      if (allowed.includes(key)) continue;
      report(
        'unknown-field',
        jsonPath(p, key),
        VERBOSE ? `"${key}" is not a field of ${NOUNS[part]}.` : '',
        VERBOSE ? `${didYouMean(key, allowed) || 'Remove it. '}Fields of ${NOUNS[part]}: ${allowed.join(', ')}.` : '',
      );
    }
  };
  const str = (o: Obj, key: string, p: string, required: boolean, fix: string): string | undefined => {
    const v = o[key], pk = jsonPath(p, key);
    if (typeof v === 'string' && v.trim()) return v;
    if (v !== undefined) report('wrong-type', pk, VERBOSE ? `"${key}" must be a non-empty string, not ${showValue(v)}.` : '', fix);
    else if (required) report('missing-field', pk, VERBOSE ? `"${key}" is missing.` : '', fix);
    return undefined;
  };
  const share = (o: Obj, key: string, p: string, fallback: number): number | undefined => {
    const v = o[key] === undefined ? fallback : o[key], pk = jsonPath(p, key);
    if (typeof v !== 'number' || !isFinite(v)) report('wrong-type', pk, VERBOSE ? `"${key}" must be a number from 0 to 1, not ${showValue(v)}.` : '', VERBOSE ? FIX_SHARE : '');
    else if (v < 0 || v > 1) report('share-out-of-range', pk, VERBOSE ? `"${key}" is ${v}, outside 0 to 1.` : '', VERBOSE ? (v > 1 && v <= 100 ? `Write ${v / 100} for ${v}%.` : FIX_SHARE) : '');
    else return v;
    return undefined;
  };
  const bool = (o: Obj, key: string, p: string) => {
    const v = o[key];
    if (v !== undefined && typeof v !== 'boolean') {
      report('wrong-type', jsonPath(p, key), VERBOSE ? `"${key}" must be true or false, not ${showValue(v)}.` : '', VERBOSE ? `Write "${key}": true or leave it out.` : '');
    }
  };
  /** A name used as a key or id: not empty, not a built-in object name (`constructor`), no dot where it becomes part of a signal name. */
  const okName = (name: string, p: string, what: string, noDot = false) => {
    if (name && !(name in {}) && !(noDot && name.includes('.'))) return true;
    report(
      'reserved-id',
      p,
      VERBOSE ? `${showValue(name)} cannot be used as ${what}${name.includes('.') ? ': a dot would make signal names ambiguous' : ''}.` : '',
      VERBOSE ? `Choose another name, such as "${name.replace(/\W/g, '') || 'main'}-1".` : '',
    );
    return false;
  };
  /** The entries of an object-valued field, with reserved names reported and left out. */
  const entries = (o: Obj, p: string, key: string, what: string, noDot = false): [string, unknown, string][] => {
    const v = o[key], pk = jsonPath(p, key);
    if (v === undefined) return [];
    if (!isRecord(v)) {
      report('wrong-type', pk, VERBOSE ? `"${key}" must be an object of ${what}, not ${showValue(v)}.` : '', VERBOSE ? 'See docs/config.md for its format.' : '');
      return [];
    }
    return Object.keys(v)
      .filter((name) => okName(name, jsonPath(pk, name), VERBOSE ? `a name in "${key}"` : '', noDot))
      .map((name) => [name, v[name], jsonPath(pk, name)]);
  };

  // ---- identity: without these nothing can be assigned or measured ----
  const start = errors.length;
  if (root.v === undefined) report('missing-field', 'v', VERBOSE ? '"v" (the config format) is missing.' : '', VERBOSE ? 'Add "v": 1.' : '');
  else if (root.v !== 1) {
    report(
      'unsupported-version',
      'v',
      VERBOSE ? `"v" is ${showValue(root.v)}, but this Candor reads config format 1 only.` : '',
      VERBOSE ? 'Set "v": 1, and check the config was written for this version of Candor.' : '',
    );
  }
  const version = str(root, 'version', '', true, VERBOSE ? 'Add "version": "2026-11-22.1" and change it whenever the config changes: a new version re-decides every visitor.' : '');
  const salt = str(root, 'salt', '', true, VERBOSE ? 'Add "salt": "<site>-<period>" (like "acme-q4"); change it only to start a new analysis period with a fresh holdout.' : '');
  const holdout = share(root, 'holdout', '', CONFIG_DEFAULTS.holdout);
  const fatal = errors.length > start;
  fields(root, '', 'config');

  // ---- consent: an unreadable tier falls back to the safest, "low" ----
  const consent: ConsentConfig = { default: CONFIG_DEFAULTS.consentDefault, withGpc: CONFIG_DEFAULTS.consentWithGpc };
  const c = root.consent;
  if (isRecord(c)) {
    fields(c, 'consent', 'consent');
    for (const key of ['default', 'withGpc'] as const) {
      const v = c[key];
      if (isTier(v)) consent[key] = v;
      else if (v !== undefined) {
        report('invalid-tier', `consent.${key}`, VERBOSE ? `"${key}" is ${showValue(v)}, not a tier; "low" is used until this is fixed.` : '', VERBOSE ? FIX_TIER : '');
        consent[key] = 'low';
      }
    }
    if (rank(consent.withGpc) > rank(consent.default)) {
      report(
        'tier-too-loose',
        'consent.withGpc',
        VERBOSE ? `"withGpc" ("${consent.withGpc}") is looser than "default" ("${consent.default}"), but Global Privacy Control may only lower the cap.` : '',
        VERBOSE ? `Set "withGpc" to "${consent.default}" or lower; until then "${consent.default}" is used.` : '',
      );
      consent.withGpc = consent.default;
    }
    bool(c, 'ask', 'consent');
    if (c.ask === true) consent.ask = true;
  } else if (c !== undefined) {
    report(
      'wrong-type',
      'consent',
      VERBOSE ? `"consent" must be an object like { "default": "relationship", "withGpc": "low" }, not ${showValue(c)}; "low" is used until this is fixed.` : '',
      VERBOSE ? FIX_TIER : '',
    );
    consent.default = 'low';
  }

  // ---- the names conditions may use: declare (plus ask.key) and sections ----
  const declared: string[] = [];
  const d = root.declare;
  if (Array.isArray(d)) {
    d.forEach((key, i) => {
      if (typeof key !== 'string') {
        report('wrong-type', `declare[${i}]`, VERBOSE ? `A declared key must be a string, not ${showValue(key)}.` : '', VERBOSE ? 'List keys like "companySize"; they become declared.companySize.' : '');
      } else if (okName(key, `declare[${i}]`, VERBOSE ? 'a declared key' : '', true) && !declared.includes(key)) declared.push(key);
    });
  } else if (d !== undefined) report('wrong-type', 'declare', VERBOSE ? `"declare" must be a list of keys, not ${showValue(d)}.` : '', VERBOSE ? 'Write "declare": ["companySize", "role"].' : '');
  const a0 = root.ask;
  if (isRecord(a0) && typeof a0.key === 'string' && a0.key && !a0.key.includes('.') && !(a0.key in {}) && !declared.includes(a0.key)) declared.push(a0.key);

  const sections: Record<string, string> = {};
  for (const [name, prefix, p] of entries(root, '', 'sections', VERBOSE ? 'section names to path prefixes' : '', true)) {
    if (typeof prefix !== 'string') report('wrong-type', p, VERBOSE ? `A section maps to a path prefix string, not ${showValue(prefix)}.` : '', VERBOSE ? `Write "${name}": "/${name}".` : '');
    else if (!prefix.startsWith('/')) report('invalid-path', p, VERBOSE ? `The path prefix ${showValue(prefix)} does not start with "/".` : '', VERBOSE ? `Write a path on this site, like "/${name}".` : '');
    else sections[name] = prefix;
  }
  const scope = { sections: Object.keys(sections), declared };

  const goals: Record<string, GoalConfig> = {};
  for (const [name, goal, p] of entries(root, '', 'goals', VERBOSE ? 'goal names to { "path": ... }' : '', true)) {
    if (!isRecord(goal)) {
      report('wrong-type', p, VERBOSE ? `A goal must be an object like { "path": "/thanks" }, not ${showValue(goal)}.` : '', VERBOSE ? 'Goals reached by clicks or track() need no entry here.' : '');
      continue;
    }
    fields(goal, p, 'goal');
    const path = str(goal, 'path', p, true, VERBOSE ? 'Add "path": "/thanks": a page view whose path starts with it reaches the goal.' : '');
    if (path !== undefined && !path.startsWith('/')) {
      report('invalid-path', jsonPath(p, 'path'), VERBOSE ? `The path ${showValue(path)} does not start with "/".` : '', VERBOSE ? 'Write a path on this site, like "/thanks".' : '');
    } else if (path !== undefined) goals[name] = { path };
  }

  // ---- audiences ----
  const audiences: Record<string, Audience> = {};
  const defined: string[] = [];
  if (root.audiences === undefined) {
    report('missing-field', 'audiences', VERBOSE ? '"audiences" is missing, so nothing can be targeted.' : '', VERBOSE ? 'Add "audiences": { "name": { "when": { ... }, "reason": "..." } }.' : '');
  }
  for (const [id, a, p] of entries(root, '', 'audiences', VERBOSE ? 'audience names to audiences' : '')) {
    defined.push(id);
    const n = errors.length;
    if (!isRecord(a)) {
      report(
        'wrong-type',
        p,
        VERBOSE ? `An audience must be an object with "when" and "reason", not ${showValue(a)}.` : '',
        VERBOSE ? 'Write { "when": { "utm.campaign": "spring" }, "reason": "You came here from our spring campaign." }.' : '',
      );
      continue;
    }
    fields(a, p, 'audience');
    if (a.when === undefined) {
      report(
        'missing-field',
        jsonPath(p, 'when'),
        VERBOSE ? 'The audience has no rule ("when").' : '',
        VERBOSE ? 'Add "when": a condition such as { "utm.campaign": { "$regex": "^health" } }; {} matches everyone.' : '',
      );
    } else validateCondition(a.when, jsonPath(p, 'when'), scope, report);
    const reason = a.reason, pr = jsonPath(p, 'reason');
    const sentence = (text: unknown, pt: string, lang?: string): void => {
      if (typeof text === 'string' && text.length > MAX_REASON) {
        report(
          'reason-too-long',
          pt,
          VERBOSE ? `The reason has ${text.length} characters; visitors read at most ${MAX_REASON}.` : '',
          VERBOSE ? 'Say it in one short sentence, like "You came here from our healthcare campaign."' : '',
        );
      } else if (text === undefined || (typeof text === 'string' && !text.trim())) {
        report(
          'missing-reason',
          pt,
          VERBOSE ? `The audience has no "reason"${lang ? ` in "${lang}"` : ''}, the sentence visitors see when it chooses what they get.` : '',
          VERBOSE ? 'Add "reason": "You came here from our healthcare campaign." (plain text, shown as written).' : '',
        );
      } else if (typeof text !== 'string') {
        report(
          'wrong-type',
          pt,
          VERBOSE ? `"reason" must be a sentence (a string), or an object of languages to sentences, not ${showValue(text)}.` : '',
          VERBOSE ? 'Write "reason": "You came here from our healthcare campaign." or { "en": "…", "de": "…" }.' : '',
        );
      }
    };
    if (isRecord(reason)) {
      const langs = Object.keys(reason);
      if (!langs.length) sentence(undefined, pr);
      for (const lang of langs) {
        if (!LANGUAGE_TAG.test(lang)) {
          report(
            'invalid-language',
            jsonPath(pr, lang),
            VERBOSE ? `${showValue(lang)} is not a language tag.` : '',
            VERBOSE ? 'Use tags as in <html lang>: "en", "de", "pt-BR".' : '',
          );
        } else sentence(reason[lang], jsonPath(pr, lang), lang);
      }
    } else sentence(reason, pr);
    if (a.tier !== undefined && !isTier(a.tier)) report('invalid-tier', jsonPath(p, 'tier'), VERBOSE ? `"tier" is ${showValue(a.tier)}, not a tier.` : '', VERBOSE ? FIX_TIER : '');
    bool(a, 'shadow', p);
    str(a, 'label', p, false, VERBOSE ? 'Write a short name for reports, like "Healthcare leads", or leave it out.' : '');
    if (errors.length > n) continue;
    const signals = conditionSignals(a.when as Condition);
    const read = TIERS[Math.max(0, ...signals.map((s) => rank(signalTier(s) ?? 'low')))] ?? 'low';
    const declaredTier = a.tier as Tier | undefined;
    if (declaredTier && rank(declaredTier) < rank(read)) {
      report(
        'tier-too-loose',
        jsonPath(p, 'tier'),
        VERBOSE ? `"tier" is "${declaredTier}", but the rule reads "${read}" signals (${signals.join(', ')}).` : '',
        VERBOSE ? `Set "tier": "${read}" or stricter, or leave it out: Candor computes it.` : '',
      );
      continue;
    }
    audiences[id] = {
      id,
      when: a.when as Condition,
      reason: reason as Audience['reason'],
      tier: declaredTier && rank(declaredTier) > rank(read) ? declaredTier : read,
      shadow: a.shadow === true,
      signals,
      label: typeof a.label === 'string' ? a.label : id,
    };
  }

  // ---- slots and experiences ----
  const slots: Record<string, SlotConfig> = {};
  const seen = new Map<string, string>();
  /** Error text only. */
  const audienceFix = () => (defined.length ? `Defined audiences: ${defined.join(', ')}.` : 'No audience is defined yet: add one under "audiences".');

  const change = (ch: unknown, p: string): void => {
    if (!isRecord(ch)) {
      report('wrong-type', p, VERBOSE ? `A change must be an object like { "selector": "h1", "text": "..." }, not ${showValue(ch)}.` : '', VERBOSE ? 'See "changes" in docs/config.md.' : '');
      return;
    }
    fields(ch, p, 'change');
    str(ch, 'selector', p, true, VERBOSE ? 'Add "selector": a CSS selector resolved inside the slot element, like "h1".' : '');
    if (ch.text !== undefined && typeof ch.text !== 'string') {
      report('wrong-type', jsonPath(p, 'text'), VERBOSE ? `"text" must be a string, not ${showValue(ch.text)}.` : '', VERBOSE ? 'Write the new text; it is set as text, never as HTML.' : '');
    }
    str(ch, 'template', p, false, VERBOSE ? 'Write the id of a <template> in the page, like "hero-dev".' : '');
    const attrs = ch.attrs;
    if (isRecord(attrs)) {
      for (const name of Object.keys(attrs)) {
        const v = attrs[name], pa = jsonPath(jsonPath(p, 'attrs'), name);
        if (!SAFE_ATTRS.includes(name)) {
          report(
            'unsafe-change',
            pa,
            VERBOSE ? `Candor does not set the attribute "${name}" from config.` : '',
            VERBOSE ? `Use ${SAFE_ATTRS.join(', ')}; for anything else put the markup in a <template> and use "template".` : '',
          );
        } else if (typeof v !== 'string') {
          report('wrong-type', pa, VERBOSE ? `An attribute value must be a string, not ${showValue(v)}.` : '', VERBOSE ? `Write "${name}": "...".` : '');
        } else if ((name === 'href' || name === 'src') && !isSafeUrl(v)) {
          report('unsafe-url', pa, VERBOSE ? `${showValue(v)} is neither an http(s) nor a relative URL.` : '', VERBOSE ? 'Use a URL starting with https://, http:// or /, or a relative path.' : '');
        }
      }
    } else if (attrs !== undefined) {
      report(
        'wrong-type',
        jsonPath(p, 'attrs'),
        VERBOSE ? `"attrs" must be an object of attribute names to values, not ${showValue(attrs)}.` : '',
        VERBOSE ? 'Write "attrs": { "href": "/pricing" }.' : '',
      );
    }
    if (ch.text === undefined && attrs === undefined && ch.template === undefined) {
      report('invalid-change', p, VERBOSE ? 'This change does nothing: it has no "text", "attrs" or "template".' : '', VERBOSE ? 'Add one of them, or remove the change.' : '');
    }
  };

  const experience = (e: unknown, p: string): ExperienceConfig | undefined => {
    if (!isRecord(e)) {
      report(
        'wrong-type',
        p,
        VERBOSE ? `An experience must be an object like { "id": "hero-dev", "audience": "developers" }, not ${showValue(e)}.` : '',
        VERBOSE ? 'See "experiences" in docs/config.md.' : '',
      );
      return undefined;
    }
    const n = errors.length;
    fields(e, p, 'experience');
    const id = str(e, 'id', p, true, VERBOSE ? 'Add "id": a name unique across all slots, like "hero-dev"; it is also the template name.' : '');
    const pi = jsonPath(p, 'id');
    if (id === BASELINE) report('reserved-id', pi, VERBOSE ? `"${BASELINE}" is the id of every slot's standard content.` : '', VERBOSE ? 'Choose another id, like "hero-dev".' : '');
    else if (id !== undefined && okName(id, pi, VERBOSE ? 'an experience id' : '')) {
      const first = seen.get(id);
      if (first) {
        report(
          'duplicate-experience-id',
          pi,
          VERBOSE ? `"${id}" is already the id of ${first}; this one is dropped.` : '',
          VERBOSE ? 'Give every experience its own id: ids are unique across all slots, because events and reports count by id.' : '',
        );
      } else seen.set(id, p);
    }
    const audience = str(e, 'audience', p, true, VERBOSE ? `Add "audience": the audience this experience is for. ${audienceFix()}` : '');
    const pa = jsonPath(p, 'audience');
    if (audience !== undefined && !defined.includes(audience)) {
      report('unknown-audience', pa, VERBOSE ? `There is no audience "${audience}".` : '', VERBOSE ? `${didYouMean(audience, defined)}${audienceFix()}` : '');
    } else if (audience !== undefined && !audiences[audience]) {
      report('invalid-audience', pa, VERBOSE ? `The audience "${audience}" has errors (see audiences.${audience}), so this experience is dropped.` : '', VERBOSE ? `Fix audiences.${audience}.` : '');
    } else if (audience !== undefined && audiences[audience]?.shadow) {
      report(
        'shadow-audience',
        pa,
        VERBOSE ? `"${audience}" is a shadow audience: it is evaluated and logged but never delivers.` : '',
        VERBOSE ? `Target a delivering audience, or remove "shadow" from audiences.${audience}.` : '',
      );
    }
    if (e.eligible !== undefined) {
      const pe = jsonPath(p, 'eligible'), m = errors.length;
      validateCondition(e.eligible, pe, scope, report);
      const high = errors.length > m ? [] : conditionSignals(e.eligible as Condition).filter((s) => signalTier(s) !== 'low');
      if (high.length) {
        report(
          'eligible-tier-too-high',
          pe,
          VERBOSE ? `"eligible" reads ${high.join(', ')}, beyond this visit's signals.` : '',
          VERBOSE ? 'Use only low-tier signals (URL, campaign, referrer, language, device, time) in "eligible"; target with audiences instead.' : '',
        );
      }
    }
    const changes = e.changes;
    if (Array.isArray(changes)) changes.forEach((ch, i) => { change(ch, jsonPath(jsonPath(p, 'changes'), i)); });
    else if (changes !== undefined) {
      report('wrong-type', jsonPath(p, 'changes'), VERBOSE ? `"changes" must be a list of changes, not ${showValue(changes)}.` : '', VERBOSE ? 'Write "changes": [{ "selector": "h1", "text": "..." }].' : '');
    }
    return errors.length > n ? undefined : (e as unknown as ExperienceConfig);
  };

  if (root.slots === undefined) {
    report(
      'missing-field',
      'slots',
      VERBOSE ? '"slots" is missing, so nothing is personalized.' : '',
      VERBOSE ? 'Add "slots": { "hero": { "experiences": [ ... ] } }, matching data-candor-slot="hero" in the page.' : '',
    );
  }
  let shared: { explore: number; slot: string } | undefined;
  for (const [name, s, p] of entries(root, '', 'slots', VERBOSE ? 'slot names to slots' : '')) {
    if (!isRecord(s)) {
      report('wrong-type', p, VERBOSE ? `A slot must be an object with "experiences", not ${showValue(s)}.` : '', VERBOSE ? 'Write { "experiences": [{ "id": "hero-dev", "audience": "developers" }] }.' : '');
      continue;
    }
    const n = errors.length;
    fields(s, p, 'slot');
    const control = share(s, 'control', p, CONFIG_DEFAULTS.control);
    const explore = share(s, 'explore', p, CONFIG_DEFAULTS.explore);
    bool(s, 'independent', p);
    const independent = s.independent === true;
    // Coherent slots share the visitor's exploration draw, so they must share its share.
    if (!independent && explore !== undefined) {
      if (shared === undefined) shared = { explore, slot: name };
      else if (explore !== shared.explore) {
        report(
          'explore-not-shared',
          jsonPath(p, 'explore'),
          VERBOSE
            ? `"explore" is ${explore} here but ${shared.explore} in slot "${shared.slot}": exploration is drawn once per visitor for every slot that is not "independent", so they share one share.`
            : '',
          VERBOSE ? `Give every slot the same "explore" (${shared.explore}), or set "independent": true on a slot that needs its own.` : '',
        );
      }
    }
    if (control !== undefined && explore !== undefined && control + explore > 1 - 1e-9) {
      report(
        'shares-too-large',
        p,
        VERBOSE ? `"control" (${control}) plus "explore" (${explore}) is ${+(control + explore).toFixed(6)}, leaving no visitor to target.` : '',
        VERBOSE ? 'Keep control + explore below 1; 0.1 each is typical.' : '',
      );
    }
    const ok = errors.length === n;
    const list: ExperienceConfig[] = [];
    const exps = s.experiences, pe = jsonPath(p, 'experiences');
    if (exps === undefined) {
      report('missing-field', pe, VERBOSE ? 'The slot has no "experiences".' : '', VERBOSE ? 'Add "experiences": [{ "id": "hero-dev", "audience": "developers" }] (the first matching one is shown).' : '');
    } else if (!Array.isArray(exps)) {
      report('wrong-type', pe, VERBOSE ? `"experiences" must be a list, not ${showValue(exps)}.` : '', VERBOSE ? 'Write "experiences": [{ "id": "hero-dev", "audience": "developers" }].' : '');
    } else {
      exps.forEach((e, i) => {
        const x = experience(e, jsonPath(pe, i));
        if (x) list.push(x);
      });
    }
    if (ok && control !== undefined && explore !== undefined) {
      slots[name] = independent ? { control, explore, independent, experiences: list } : { control, explore, experiences: list };
    }
  }

  // ---- the self-identification prompt ----
  let ask: AskConfig | undefined;
  if (isRecord(a0)) {
    const n = errors.length;
    fields(a0, 'ask', 'ask');
    const key = str(a0, 'key', 'ask', true, VERBOSE ? 'Add "key": the declared attribute the answer sets, like "role" (becomes declared.role).' : '');
    if (key !== undefined && (key.includes('.') || key in {})) {
      report('invalid-ask', 'ask.key', VERBOSE ? `${showValue(key)} cannot be a declared key${key.includes('.') ? ' (it contains a dot)' : ''}.` : '', VERBOSE ? 'Use a plain name like "role".' : '');
    }
    const question = str(a0, 'question', 'ask', true, VERBOSE ? 'Add "question": what visitors are asked, like "Which best describes you?".' : '');
    const askShare = share(a0, 'share', 'ask', CONFIG_DEFAULTS.askShare);
    const values: string[] = [];
    const options = a0.options;
    if (!Array.isArray(options) || !options.length) {
      report(
        options === undefined ? 'missing-field' : 'invalid-ask',
        'ask.options',
        VERBOSE ? `"options" must be a non-empty list of answers, not ${showValue(options)}.` : '',
        VERBOSE ? 'Write "options": ["developer", ["manager", "I manage a team"]] (a value, or [value, label]).' : '',
      );
    } else {
      options.forEach((o, i) => {
        const value: unknown = Array.isArray(o) && o.length === 2 && typeof o[1] === 'string' && o[1] ? o[0] : o;
        const po = `ask.options[${i}]`;
        if (typeof value !== 'string' || !value) {
          report('invalid-ask', po, VERBOSE ? `An option must be a string or a [value, label] pair of strings, not ${showValue(o)}.` : '', VERBOSE ? 'Write "developer" or ["developer", "I write code"].' : '');
        } else if (values.includes(value)) report('invalid-ask', po, VERBOSE ? `The answer "${value}" is offered twice.` : '', VERBOSE ? 'List each answer once.' : '');
        else values.push(value);
      });
    }
    for (const [answer, ids, p] of entries(a0, 'ask', 'segments', VERBOSE ? 'answers to audience lists' : '')) {
      if (!values.includes(answer)) {
        report('invalid-ask', p, VERBOSE ? `"${answer}" is not one of the answers in "options".` : '', VERBOSE ? `Use an answer from "options": ${values.join(', ')}.` : '');
      }
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        report('wrong-type', p, VERBOSE ? `A segment maps an answer to a list of audience ids, not ${showValue(ids)}.` : '', VERBOSE ? `Write "${answer}": ["audience-id"].` : '');
      } else {
        ids.forEach((id: string, i) => {
          if (!defined.includes(id)) report('unknown-audience', jsonPath(p, i), VERBOSE ? `There is no audience "${id}".` : '', VERBOSE ? audienceFix() : '');
        });
      }
    }
    if (errors.length === n && key !== undefined && question !== undefined && askShare !== undefined) {
      ask = { key, question, options: a0.options as AskConfig['options'], share: askShare };
      if (a0.segments !== undefined) ask.segments = a0.segments as Record<string, string[]>;
    }
  } else if (a0 !== undefined) report('wrong-type', 'ask', VERBOSE ? `"ask" must be an object, not ${showValue(a0)}.` : '', VERBOSE ? 'See "ask" in docs/config.md.' : '');

  const privacyUrl = str(root, 'privacyUrl', '', false, VERBOSE ? 'Write the address of your privacy notice, like "/privacy".' : '');
  const urlOk = privacyUrl !== undefined && isSafeUrl(privacyUrl);
  if (privacyUrl !== undefined && !urlOk) {
    report('unsafe-url', 'privacyUrl', VERBOSE ? `${showValue(privacyUrl)} is neither an http(s) nor a relative URL.` : '', VERBOSE ? 'Use a URL starting with https://, http:// or /.' : '');
  }

  if (fatal || version === undefined || salt === undefined || holdout === undefined) return null;
  const config: ValidConfig = { v: 1, version, salt, holdout, consent, audiences, slots };
  if (root.sections !== undefined) config.sections = sections;
  if (root.declare !== undefined || declared.length) config.declare = declared;
  if (root.goals !== undefined) config.goals = goals;
  if (ask) config.ask = ask;
  if (urlOk) config.privacyUrl = privacyUrl;
  return config;
}
