import { conditionSignals } from '../conditions/condition-signals.js';
import { isRecord } from '../conditions/is-record.js';
import { signalTier } from '../signals/signal-tiers.js';
import { TIERS, type Audience, type Condition, type Tier } from '../types.js';
import { MAX_REASON } from './config-fields.js';
import { isTier, rank, type Obj, bool, entries, fields, report, str, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';
import { validateCondition, type ConditionScope } from './validate-condition.js';

/** A BCP 47 language tag as pages write it in `<html lang>` (`en`, `de-CH`, `pt-BR`, `zh-Hant`). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z\d]{2,8})*$/i;

/** The audiences of a config: the usable ones, and the names of all that are defined (usable or not). */
export interface CheckedAudiences {
  audiences: Record<string, Audience>;
  defined: string[];
}

/**
 * The config's `audiences`, each with its effective tier (the highest tier among the signals its rule reads, or its
 * declared `tier` when stricter) and the signals it reads. An audience with a problem is left out of `audiences`.
 */
export function validateAudiences(root: Obj, scope: ConditionScope, r: Problems): CheckedAudiences {
  const audiences: Record<string, Audience> = {};
  const defined: string[] = [];
  if (root.audiences === undefined) report(r, 'missing-field', 'audiences', 'audiences');
  for (const [id, a, p] of entries(r, root, '', 'audiences')) {
    defined.push(id);
    const n = r.length;
    if (!isRecord(a)) {
      report(r, 'wrong-type', p, a, 'audience');
      continue;
    }
    fields(r, a, p, 'audience');
    if (a.when === undefined) report(r, 'missing-field', jsonPath(p, 'when'), 'when');
    else validateCondition(a.when, jsonPath(p, 'when'), scope, r);
    checkReason(a.reason, jsonPath(p, 'reason'), r);
    if (a.tier !== undefined && !isTier(a.tier)) report(r, 'invalid-tier', jsonPath(p, 'tier'), a.tier, 'tier');
    bool(r, a, 'shadow', p);
    str(r, a, 'label', p, false);
    if (r.length > n) continue;
    const signals = conditionSignals(a.when as Condition);
    const read = TIERS[Math.max(0, ...signals.map((s) => rank(signalTier(s) ?? 'low')))] ?? 'low';
    const declaredTier = a.tier as Tier | undefined;
    if (declaredTier && rank(declaredTier) < rank(read)) {
      report(r, 'tier-too-loose', jsonPath(p, 'tier'), declaredTier, read, signals, 'audience');
      continue;
    }
    audiences[id] = {
      id,
      when: a.when as Condition,
      reason: a.reason as Audience['reason'],
      tier: declaredTier && rank(declaredTier) > rank(read) ? declaredTier : read,
      shadow: a.shadow === true,
      signals,
      label: typeof a.label === 'string' ? a.label : id,
    };
  }
  return { audiences, defined };
}

/** An audience's `reason`: one sentence, or an object of language tags to sentences. */
function checkReason(reason: unknown, pr: string, r: Problems): void {
  const sentence = (text: unknown, pt: string, lang?: string): void => {
    if (typeof text === 'string' && text.length > MAX_REASON) report(r, 'reason-too-long', pt, text.length);
    else if (text === undefined || (typeof text === 'string' && !text.trim())) {
      if (lang === undefined) report(r, 'missing-reason', pt, 'one');
      else report(r, 'missing-reason', pt, lang, 'language');
    }
    else if (typeof text !== 'string') report(r, 'wrong-type', pt, text, 'reason');
  };
  if (isRecord(reason)) {
    const langs = Object.keys(reason);
    if (!langs.length) sentence(undefined, pr);
    for (const lang of langs) {
      if (!LANGUAGE_TAG.test(lang)) report(r, 'invalid-language', jsonPath(pr, lang), lang);
      else sentence(reason[lang], jsonPath(pr, lang), lang);
    }
  } else sentence(reason, pr);
}
