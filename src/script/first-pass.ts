import type { ExplainMessages } from '../core/explain/explain-messages.js';
import type { explain } from '../core/explain/explain.js';
import type { validateConfig } from '../core/config/validate-config.js';
import type { Visit } from '../visit/visit.js';
import type { Candor } from '../instance/candor-api.js';

/**
 * What the script tag's first pass (`candor.min.js`) hands to its runtime (`candor-runtime.min.js`): the page view it
 * opened and decided from, and how to show a slot again.
 */
export interface FirstPass {
  /** The config as the page gave it (parsed JSON), for the runtime to validate. */
  raw: unknown;
  /** The page view: the runtime continues it (confirms or revokes the config, logs the exposures of its decisions). */
  visit: Visit;
  /** Shows a slot's decided experience (or its standard content). */
  apply(slot: HTMLElement): void;
  /** Goals clicked before the runtime took over; the first pass's beacon sends them when the page is left first. */
  goals: string[];
  /** The runtime takes over goals: the ones kept so far go to `handler` now, and every later click too. */
  takeGoals(handler: (goal: string) => void): void;
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
    __candor?: { pass?: FirstPass; shared?: Record<string, unknown>; build?: string; explain?: typeof explain; validate?: typeof validateConfig };
  }
}
