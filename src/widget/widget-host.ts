import type { AskConfig, ConsentState, Explanation, Tier, TrustKind } from '../core/types.js';

/**
 * What the widget needs from a running Candor, and nothing more: the widget never reads Candor's internals.
 * A `Candor` instance (npm) and `window.candor` (script tag) both implement it.
 */
export interface WidgetHost {
  /** The real decision record of a slot, explained; undefined when the slot is unknown. */
  explain(slot: string): Explanation | undefined;
  /** Every slot to its standard content at once, remembered and logged (trust event `show_standard`). */
  showStandard(): void;
  /** Undoes {@link WidgetHost.showStandard} (trust event `personalize_again`). */
  personalize(): void;
  /** True while the visitor chose the standard version. */
  standard(): boolean;
  /** Clears all of Candor's storage in this browser (trust event `forget`). */
  forget(): Promise<void>;
  /** The current tier cap and whether Global Privacy Control (or Do Not Track) is on. */
  consent(): ConsentState;
  /** The visitor's own tier choice. */
  setConsent(tier: Tier): void;
  /** What the widget offers: tier choices, a link to the privacy notice, the self-identification prompt. */
  options(): { consentChoices: boolean; privacyUrl?: string; ask?: AskConfig };
  /** Logs a trust event; the widget logs `explanation_opened` itself. */
  trust(kind: TrustKind, slot?: string): void;
  /** Whether this visitor is invited to the self-identification prompt (drawn share, never twice, consent ≥ relationship). */
  askEligible(): boolean;
  /** Records the answer (`declared.<key>`, `ask_answered`); `null` = dismissed (`ask_dismissed`). */
  answerAsk(value: string | null): void;
}
