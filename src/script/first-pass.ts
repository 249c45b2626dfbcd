import type { Decision } from '../core/types.js';
import type { ExplainMessages } from '../core/explain/explain-messages.js';
import type { Visit } from '../instance/open-visit.js';
import type { Candor } from '../instance/candor-api.js';

/**
 * What the script tag's first pass (`candor.min.js`) hands to its runtime (`candor-runtime.min.js`): the page view it
 * opened and decided from, and how to show a slot again.
 */
export interface FirstPass {
  /** The config as the page gave it (parsed JSON), for the runtime to validate. */
  raw: unknown;
  visit: Visit;
  /** Decides a slot; the runtime replaces it with the instance's `decide`, which also logs the exposure. */
  decide(slot: string): Decision;
  /** Shows a slot's decided experience (or its standard content). */
  apply(slot: HTMLElement): void;
  /** A goal was clicked: kept in {@link FirstPass.goals} until the runtime replaces this with the instance's `track`. */
  goal(goal: string): void;
  /** Goals clicked before the runtime took over; the runtime tracks them, or the first pass's beacon sends them. */
  goals: string[];
  script: HTMLScriptElement | null;
  params: URLSearchParams;
}

declare global {
  interface Window {
    candor?: Candor;
    candorConfig?: unknown;
    candorQueue?: { push(callback: (candor: Candor) => void): void } | ((candor: Candor) => void)[];
    candorWidget?: { open(slot: string, returnFocusTo?: HTMLElement): void };
    candorExplainMessages?: Partial<ExplainMessages>;
    /** Internal, between Candor's own script files: the first pass and the modules it shares with the runtime. */
    __candor?: { pass?: FirstPass; shared?: Record<string, unknown>; build?: string };
  }
}
