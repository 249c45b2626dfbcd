import { BASELINE, type Decision, type Explanation, type SignalValue, type Tier, type ValidConfig } from '../types.js';
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

/**
 * Explains a decision to the visitor: structured data plus plain sentences, for every arm and fallback, generated
 * from the decision record itself so it cannot drift from what happened. The audience's own reason appears only
 * when an audience rule chose what is shown; holdout, control and exploration are told as what they are, with
 * their real shares. Every signal the rule used is listed with its label, value and tier. Strings only, never HTML:
 * render them with `textContent`.
 * @param messages replacements for any of {@link EXPLAIN_MESSAGES_EN}, to translate or reword.
 * @example
 * const why = explain(decide({ config, slot: 'hero', visitorId, signals, consent }), config);
 * summaryElement.textContent = why.summary;
 */
export function explain(decision: Decision, config: ValidConfig, messages?: Partial<ExplainMessages>): Explanation {
  const m: ExplainMessages = messages ? { ...EXPLAIN_MESSAGES_EN, ...messages } : EXPLAIN_MESSAGES_EN;
  const h = config.holdout;
  const slot = hasOwn(config.slots, decision.slot) ? config.slots[decision.slot] : undefined;
  const audience =
    decision.reason === 'audience-match' && decision.audience !== undefined && hasOwn(config.audiences, decision.audience)
      ? config.audiences[decision.audience]
      : undefined;
  const audienceReason = audience?.reason;

  let summary: string;
  let armText: string;
  switch (decision.reason) {
    case 'audience-match':
      summary = fill(m.summaryAudience, { reason: audienceReason ?? '' }).trim();
      armText = m.armTargeted;
      break;
    case 'no-audience-match':
      summary = m.summaryNoMatch;
      armText = m.armNoMatch;
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
    decision.reason !== 'forced' &&
    decision.reason !== 'unknown-slot' &&
    decision.reason !== 'invalid-config' &&
    decision.reason !== 'no-visitor-id';

  const explanation: Explanation = {
    slot: decision.slot,
    experience: decision.experience,
    arm: decision.arm,
    reason: decision.reason,
    summary,
    armText,
    signals: decision.signals.map((s) => ({
      name: s.name,
      label: labelOf(s.name, signalSpec(s.name)?.label ?? s.name, m.labels),
      value: valueText(s.value, m),
      tier: s.tier,
      tierText: tierText(s.tier, m),
    })),
    storage: decision.reason === 'no-visitor-id' ? m.storageBlocked : m.storage,
    sent: !counted ? m.sentNothing : decision.consent.gpc ? m.sentGpc : m.sent,
    controls: [decision.reason === 'show-standard' ? m.personalize : m.showStandard, m.forget],
  };
  if (audienceReason !== undefined) explanation.audienceReason = audienceReason;
  return explanation;
}
