import { conditionSignals } from '../conditions/condition-signals.js';
import { isRecord } from '../conditions/is-record.js';
import { signalTier } from '../signals/signal-tiers.js';
import { BASELINE, type Audience, type Condition, type ExperienceConfig } from '../types.js';
import { didYouMean } from './closest-name.js';
import { SAFE_ATTRS } from './config-fields.js';
import { isSafeUrl, fields, okName, report, str, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';
import { validateCondition, type ConditionScope } from './validate-condition.js';

/** What an experience is checked against: the audiences, the condition scope, and the ids seen so far (id → path). */
export interface ExperienceContext {
  audiences: Record<string, Audience>;
  defined: readonly string[];
  scope: ConditionScope;
  seen: Map<string, string>;
}

/**
 * One experience of a slot: its id (unique across all slots), its audience (defined, valid, delivering), its
 * `eligible` rule (this-visit signals only) and its changes.
 * @returns the experience, or undefined when it has a problem (it is dropped)
 */
export function validateExperience(e: unknown, p: string, x: ExperienceContext, r: Problems): ExperienceConfig | undefined {
  if (!isRecord(e)) {
    report(r, 'wrong-type', p, e, 'experience');
    return undefined;
  }
  const n = r.length;
  fields(r, e, p, 'experience');
  const id = str(r, e, 'id', p, true);
  const pi = jsonPath(p, 'id');
  if (id === BASELINE) report(r, 'reserved-id', pi, id, 'baseline');
  else if (id !== undefined && okName(r, id, pi, 'experience')) {
    const first = x.seen.get(id);
    if (first) report(r, 'duplicate-experience-id', pi, id, first);
    else x.seen.set(id, p);
  }
  const audience = str(r, e, 'audience', p, true, x.defined);
  const pa = jsonPath(p, 'audience');
  if (audience !== undefined && !x.defined.includes(audience)) report(r, 'unknown-audience', pa, audience, /* @__PURE__ */ didYouMean(audience, x.defined), x.defined);
  else if (audience !== undefined && !x.audiences[audience]) report(r, 'invalid-audience', pa, audience);
  else if (audience !== undefined && x.audiences[audience]?.shadow) report(r, 'shadow-audience', pa, audience);
  if (e.eligible !== undefined) {
    const pe = jsonPath(p, 'eligible'), m = r.length;
    validateCondition(e.eligible, pe, x.scope, r);
    const high = r.length > m ? [] : conditionSignals(e.eligible as Condition).filter((s) => signalTier(s) !== 'low');
    if (high.length) report(r, 'eligible-tier-too-high', pe, high);
  }
  const changes = e.changes;
  if (Array.isArray(changes)) changes.forEach((ch, i) => { checkChange(ch, jsonPath(jsonPath(p, 'changes'), i), r); });
  else if (changes !== undefined) report(r, 'wrong-type', jsonPath(p, 'changes'), changes, 'changes');
  return r.length > n ? undefined : (e as unknown as ExperienceConfig);
}

/** One change of an experience: a selector, and text, safe attributes or a template. */
function checkChange(ch: unknown, p: string, r: Problems): void {
  if (!isRecord(ch)) {
    report(r, 'wrong-type', p, ch, 'change');
    return;
  }
  fields(r, ch, p, 'change');
  str(r, ch, 'selector', p, true);
  if (ch.text !== undefined && typeof ch.text !== 'string') report(r, 'wrong-type', jsonPath(p, 'text'), ch.text, 'text');
  str(r, ch, 'template', p, false);
  const attrs = ch.attrs;
  if (isRecord(attrs)) {
    for (const name of Object.keys(attrs)) {
      const v = attrs[name], pa = jsonPath(jsonPath(p, 'attrs'), name);
      if (!SAFE_ATTRS.includes(name)) report(r, 'unsafe-change', pa, name);
      else if (typeof v !== 'string') report(r, 'wrong-type', pa, v, name, 'attr');
      else if ((name === 'href' || name === 'src') && !isSafeUrl(v)) report(r, 'unsafe-url', pa, v, 'attr');
    }
  } else if (attrs !== undefined) report(r, 'wrong-type', jsonPath(p, 'attrs'), attrs, 'attrs');
  if (ch.text === undefined && attrs === undefined && ch.template === undefined) report(r, 'invalid-change', p);
}
