import { BASELINE, type Decision, type Explanation, type ReasonCode, type SignalUse, type SignalValue, type Signals, type Tier, type ValidConfig } from '../types.js';
import { tierAllowed } from '../consent/consent-state.js';
import { signalTier } from '../signals/signal-tiers.js';
import { EXPLAIN_MESSAGES_EN, type ExplainMessages } from './explain-messages.js';
import { signalSpec } from '../signals/signal-catalog.js';

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** Fills `{name}` placeholders; inserted values are not scanned again. */
const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (match, key: string) => (hasOwn(values, key) ? (values[key] ?? match) : match));

/** A share of all visitors as a percentage with at most one decimal ("5%", "9.5%"). */
function percent(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return share > 0 && p === 0 ? '<0.1%' : `${p}%`;
}

function valueText(value: SignalValue | undefined, m: ExplainMessages): string {
  if (value === undefined || value === null) return m.unknown;
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (Array.isArray(value)) return value.length ? value.join(m.listSeparator) : m.none;
  return String(value);
}

function tierText(tier: Tier, m: ExplainMessages): string {
  return tier === 'high' ? m.tierHigh : tier === 'relationship' ? m.tierRelationship : m.tierLow;
}

/** A translated label: the exact signal name first, then its family (`pages.*`, with `{key}` filled in). */
function labelOf(name: string, label: string, labels: Record<string, string> | undefined): string {
  if (!labels) return label;
  const dot = name.indexOf('.');
  const own = hasOwn(labels, name) ? labels[name] : undefined;
  const family = dot > 0 && hasOwn(labels, name.slice(0, dot) + '.*') ? labels[name.slice(0, dot) + '.*'] : undefined;
  return own ?? family?.replace('{key}', name.slice(dot + 1)) ?? label;
}

/** What {@link explain} may know besides the decision, from the page it is shown on. */
export interface ExplainContext {
  /** The page's language (`<html lang>`), to pick an audience's reason written in several languages. */
  lang?: string;
  /** The visit's signal snapshot: for a slot where no audience matched, the signals that were checked are listed with their values. */
  signals?: Signals;
  /** Whether anything on the page is personalized now (default: whether this decision shows an experience); "Show me the standard version" is offered only then. */
  personalized?: boolean;
}

/**
 * An audience's reason in the page's language: an exact tag, then its primary subtag, then `en`, then the first given.
 * @example reasonIn({ en: 'You came from our campaign.', de: 'Sie kamen über unsere Kampagne.' }, 'de-CH') // the German one
 */
export function reasonIn(reason: string | Record<string, string> | undefined, lang: string | undefined): string | undefined {
  if (typeof reason === 'string' || reason === undefined) return reason;
  const tags = Object.keys(reason);
  const want = (lang ?? '').toLowerCase();
  const primary = want.split('-')[0] ?? '';
  const pick =
    tags.find((t) => t.toLowerCase() === want) ??
    tags.find((t) => t.toLowerCase() === primary) ??
    tags.find((t) => t.toLowerCase().split('-')[0] === primary && primary !== '') ??
    tags.find((t) => t.toLowerCase() === 'en') ??
    tags[0];
  return pick === undefined ? undefined : reason[pick];
}

/** The signals a slot's deliverable audiences read (those allowed by the cap), in first-appearance order, with this browser's values. */
function checkedSignals(decision: Decision, config: ValidConfig, signals: Signals): SignalUse[] {
  const slot = hasOwn(config.slots, decision.slot) ? config.slots[decision.slot] : undefined;
  const seen = new Set<string>();
  const uses: SignalUse[] = [];
  for (const e of slot?.experiences ?? []) {
    const a = hasOwn(config.audiences, e.audience) ? config.audiences[e.audience] : undefined;
    if (!a || a.shadow || !tierAllowed(a.tier, decision.consent.tier)) continue;
    for (const name of a.signals) {
      if (seen.has(name)) continue;
      seen.add(name);
      uses.push({ name, value: hasOwn(signals, name) ? signals[name] : undefined, tier: signalTier(name) ?? a.tier });
    }
  }
  return uses;
}

/**
 * Explains a decision to the visitor: structured data plus plain sentences, for every arm and fallback, generated
 * from the decision record itself so it cannot drift from what happened. The audience's own reason appears only
 * when an audience rule chose what is shown (in the page's language when it is written in several); holdout,
 * control and exploration are told as what they are, with their real shares. Every signal the rule used is listed
 * with its label, value and tier; where no audience matched, the signals that were checked. Strings only, never
 * HTML: render them with `textContent`. Read-only, and it never throws: with no usable config (`null`) it explains
 * the standard content.
 * @param messages replacements for any of {@link EXPLAIN_MESSAGES_EN}, to translate or reword.
 * @example
 * const why = explain(decide({ config, slot: 'hero', visitorId, signals, consent }), config);
 * summaryElement.textContent = why.summary;
 */
export function explain(decision: Decision, config: ValidConfig | null, messages?: Partial<ExplainMessages>, context: ExplainContext = {}): Explanation {
  const m: ExplainMessages = messages ? { ...EXPLAIN_MESSAGES_EN, ...messages } : EXPLAIN_MESSAGES_EN;
  try {
    return explainWith(decision, config, m, context);
  } catch {
    return explainWith({ ...decision, reason: 'invalid-config', experience: BASELINE, audience: undefined, signals: [] }, null, m, {});
  }
}

function explainWith(decision: Decision, config: ValidConfig | null, m: ExplainMessages, context: ExplainContext): Explanation {
  const h = config?.holdout ?? 0;
  const slot = config && hasOwn(config.slots, decision.slot) ? config.slots[decision.slot] : undefined;
  const reasonCode: ReasonCode = config || decision.reason === 'forgotten' || decision.reason === 'show-standard' || decision.reason === 'late-slot' ? decision.reason : 'invalid-config';
  const audience =
    config && reasonCode === 'audience-match' && decision.audience !== undefined && hasOwn(config.audiences, decision.audience)
      ? config.audiences[decision.audience]
      : undefined;
  const audienceReason = reasonIn(audience?.reason, context.lang);

  let summary: string;
  let armText: string;
  let signals = reasonCode === 'audience-match' || reasonCode === 'forced' ? decision.signals : [];
  switch (reasonCode) {
    case 'audience-match':
      summary = fill(m.summaryAudience, { reason: audienceReason ?? '' }).trim();
      armText = m.armTargeted;
      break;
    case 'no-audience-match':
      summary = m.summaryNoMatch;
      armText = m.armNoMatch;
      if (config && context.signals) signals = checkedSignals(decision, config, context.signals);
      break;
    case 'global-holdout':
      summary = m.summaryHoldout;
      armText = fill(m.armHoldout, { share: percent(h) });
      break;
    case 'slot-control':
      summary = m.summaryControl;
      armText = fill(m.armControl, { share: percent((1 - h) * (slot?.control ?? 0)) });
      break;
    case 'explore-pick':
      summary = decision.experience === BASELINE ? m.summaryExploreStandard : m.summaryExplore;
      armText = fill(m.armExplore, { share: percent((1 - h) * (slot?.explore ?? 0)) });
      break;
    case 'forced':
      summary = m.summaryForced;
      armText = m.armForced;
      break;
    case 'show-standard':
      summary = m.summaryStandard;
      armText = m.armStandard;
      break;
    case 'forgotten':
      summary = m.summaryForgotten;
      armText = m.armForgotten;
      break;
    case 'late-slot':
      summary = m.summaryLateSlot;
      armText = m.armLateSlot;
      break;
    case 'unknown-slot':
      summary = m.summaryUnknownSlot;
      armText = m.armUnknownSlot;
      break;
    case 'no-visitor-id':
      summary = m.summaryNoVisitorId;
      armText = m.armNoVisitorId;
      break;
    default:
      summary = m.summaryInvalidConfig;
      armText = m.armInvalidConfig;
  }

  const counted =
    decision.forced !== true &&
    reasonCode !== 'forced' &&
    reasonCode !== 'unknown-slot' &&
    reasonCode !== 'invalid-config' &&
    reasonCode !== 'no-visitor-id';

  const personalized = context.personalized ?? decision.experience !== BASELINE;
  const offers = {
    standard: reasonCode !== 'show-standard' && reasonCode !== 'forgotten' && personalized,
    personalize: reasonCode === 'show-standard',
    forget: reasonCode !== 'forgotten' && reasonCode !== 'no-visitor-id',
  };
  const controls: string[] = [];
  if (offers.standard) controls.push(m.showStandard);
  if (offers.personalize) controls.push(m.personalize);
  if (offers.forget) controls.push(m.forget);

  const explanation: Explanation = {
    slot: decision.slot,
    experience: decision.experience,
    arm: decision.arm,
    reason: reasonCode,
    summary,
    armText,
    signals: signals.map((s) => ({
      name: s.name,
      label: labelOf(s.name, signalSpec(s.name)?.label ?? s.name, m.labels),
      value: valueText(s.value, m),
      tier: s.tier,
      tierText: tierText(s.tier, m),
    })),
    storage: reasonCode === 'no-visitor-id' ? m.storageBlocked : reasonCode === 'forgotten' ? m.storageForgotten : m.storage,
    sent: !counted || reasonCode === 'forgotten' ? m.sentNothing : decision.consent.gpc ? m.sentGpc : m.sent,
    controls,
    offers,
  };
  if (audienceReason !== undefined) explanation.audienceReason = audienceReason;
  return explanation;
}
