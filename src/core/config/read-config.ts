import { conditionSignals } from '../conditions/condition-signals.js';
import { isRecord } from '../conditions/is-record.js';
import { signalTier } from '../signals/signal-tiers.js';
import { BASELINE, TIERS, type AskConfig, type Audience, type Tier, type ValidConfig } from '../types.js';
import { CONFIG_DEFAULTS } from './config-defaults.js';

type Obj = Record<string, unknown>;

/** Thrown to give up: the config is not read, and validation will say why. */
const doubt = (): never => {
  throw new Error();
};
const check = (ok: boolean): void => {
  if (!ok) doubt();
};
const text = (v: unknown): string => (typeof v === 'string' && v.trim() ? v : doubt());
const share = (v: unknown, fallback: number): number => {
  const n = v === undefined ? fallback : v;
  return typeof n === 'number' && n >= 0 && n <= 1 ? n : doubt();
};
const rank = (tier: unknown): number => TIERS.indexOf(tier as Tier);
/** An object's own entries, or none when it is absent; a name a built-in object already has (`constructor`) is doubted. */
const entries = (v: unknown): [string, unknown][] => {
  if (v === undefined) return [];
  check(isRecord(v));
  return Object.entries(v as Obj).map(([k, x]) => (k && !(k in {}) ? [k, x] : doubt()));
};

/**
 * Reads a config without validating it, for the script tag's synchronous first pass: the defaults and the resolved
 * audiences come out as {@link validateConfig} makes them, and at the first doubt the result is `null` (the standard
 * content everywhere; the runtime validates the config and reports every problem with its path). It checks what
 * deciding relies on (identity, shares, tiers, audience references, shapes); what it leaves to validation (operators
 * inside rules, unknown fields, text lengths, change attributes) can only make the runtime restore the standard content.
 * For a config that `validateConfig` accepts without errors the result equals `validateConfig(input).config`.
 * Never throws.
 * @example const config = readConfig(JSON.parse(block.textContent)) // null: show the standard content
 */
export function readConfig(input: unknown): ValidConfig | null {
  try {
    check(isRecord(input));
    const root = input as Obj;
    check(root.v === 1);
    const c = (root.consent ?? {}) as Obj;
    check(isRecord(c));
    const consent: ValidConfig['consent'] = { default: (c.default ?? CONFIG_DEFAULTS.consentDefault) as Tier, withGpc: (c.withGpc ?? CONFIG_DEFAULTS.consentWithGpc) as Tier };
    check(rank(consent.default) >= rank(consent.withGpc) && rank(consent.withGpc) >= 0);
    if (c.ask === true) consent.ask = true;

    const audiences: Record<string, Audience> = {};
    for (const [id, a] of entries(root.audiences ?? doubt())) {
      check(isRecord(a));
      const { when, reason, tier, shadow, label } = a as Obj;
      check(isRecord(when) && (tier === undefined || rank(tier) >= 0) && (label === undefined || typeof label === 'string'));
      const signals = conditionSignals(when as Obj);
      const read = Math.max(0, ...signals.map((s) => rank(signalTier(s) ?? 'low')));
      check(tier === undefined || rank(tier) >= read);
      audiences[id] = {
        id,
        when: when as Obj,
        // The first pass never shows a reason: it is passed on as written, and validation checks it.
        reason: reason as Audience['reason'],
        tier: TIERS[Math.max(read, rank(tier))] ?? 'low',
        shadow: shadow === true,
        signals,
        label: (label as string | undefined) ?? id,
      };
    }

    const slots: ValidConfig['slots'] = {};
    const ids = new Set<string>();
    let shared: number | undefined;
    for (const [name, s] of entries(root.slots ?? doubt())) {
      check(isRecord(s));
      const slot = s as Obj;
      const control = share(slot.control, CONFIG_DEFAULTS.control);
      const explore = share(slot.explore, CONFIG_DEFAULTS.explore);
      const independent = slot.independent;
      check(control + explore <= 1 - 1e-9 && Array.isArray(slot.experiences) && (independent === undefined || typeof independent === 'boolean'));
      // Coherent slots share one exploration share.
      if (independent !== true) check(explore === (shared ??= explore));
      for (const e of slot.experiences as Obj[]) {
        check(isRecord(e));
        const id = text(e.id);
        check(id !== BASELINE && !(id in {}) && !ids.has(id) && (e.eligible === undefined || isRecord(e.eligible)) && (e.changes === undefined || Array.isArray(e.changes)));
        ids.add(id);
        const audience = text(e.audience);
        check(Object.hasOwn(audiences, audience) && !audiences[audience]?.shadow);
      }
      const experiences = slot.experiences as ValidConfig['slots'][string]['experiences'];
      slots[name] = independent === true ? { control, explore, independent, experiences } : { control, explore, experiences };
    }

    const config: ValidConfig = { v: 1, version: text(root.version), salt: text(root.salt), holdout: share(root.holdout, CONFIG_DEFAULTS.holdout), consent, audiences, slots };
    if (root.sections !== undefined) config.sections = Object.fromEntries(entries(root.sections).map(([k, p]) => [k, typeof p === 'string' && p.startsWith('/') ? p : doubt()]));
    const ask = root.ask as (AskConfig & Obj) | undefined;
    const declared = root.declare === undefined ? [] : Array.isArray(root.declare) ? root.declare.map(text) : doubt();
    if (ask !== undefined) {
      check(isRecord(ask) && Array.isArray(ask.options));
      const key = text(ask.key);
      if (!declared.includes(key)) declared.push(key);
      config.ask = { key, question: text(ask.question), options: ask.options, share: share(ask.share, CONFIG_DEFAULTS.askShare) };
      if (ask.segments !== undefined) config.ask.segments = ask.segments;
    }
    if (root.declare !== undefined || declared.length) config.declare = [...new Set(declared)];
    if (root.goals !== undefined) config.goals = Object.fromEntries(entries(root.goals).map(([k, g]) => [k, { path: text(isRecord(g) ? g.path : doubt()) }]));
    if (root.privacyUrl !== undefined) config.privacyUrl = text(root.privacyUrl);
    return config;
  } catch {
    return null;
  }
}
