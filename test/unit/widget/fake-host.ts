import { vi } from 'vitest';
import type { Explanation, Tier, TrustKind } from '../../../src/core/types.js';
import type { WidgetHost } from '../../../src/widget/widget-host.js';

export const XSS = '<img src=x onerror=alert(1)>';

const storage = 'Stored in this browser only (keys candor:*); Safari may delete it after 7 days.';
const sent = "This site's analytics receives which version you saw and which audiences matched, never the signals themselves.";

/** Hand-made explanations, one per arm and reason. */
export const EXPLANATIONS = {
  targeted: {
    slot: 'hero',
    experience: 'hero-health',
    arm: 'targeted',
    reason: 'audience-match',
    summary: 'You see a version this site chose for visitors like you. You came here from our healthcare campaign.',
    audienceReason: 'You came here from our healthcare campaign.',
    armText: 'The site chose this version for visitors like you.',
    signals: [
      { name: 'utm.campaign', label: 'Campaign you arrived from', value: 'health-2026', tier: 'low', tierText: 'this visit only' },
      { name: 'visits', label: 'Visits to this site', value: '3', tier: 'relationship', tierText: 'remembered on this site' },
      { name: 'interest.kubernetes', label: 'Interest in Kubernetes', value: '0.8', tier: 'high', tierText: 'inferred from your activity' },
    ],
    storage,
    sent,
    controls: [],
    offers: { standard: true, personalize: false, forget: true },
  },
  explore: {
    slot: 'hero',
    experience: 'hero-dev',
    arm: 'explore',
    reason: 'explore-pick',
    summary: 'This version was picked at random.',
    // A faulty record: the widget must still not claim an audience reason for a random pick.
    audienceReason: 'AUDIENCE-REASON-LEAK',
    armText: 'This version was picked at random to learn what works.',
    signals: [],
    storage,
    sent,
    controls: [],
    offers: { standard: true, personalize: false, forget: true },
  },
  holdout: {
    slot: 'hero',
    experience: 'baseline',
    arm: 'holdout',
    reason: 'global-holdout',
    summary: 'You see the standard page.',
    audienceReason: 'AUDIENCE-REASON-LEAK',
    armText: 'You are in a randomly chosen group that sees the standard page, so the site can check that personalization helps.',
    signals: [],
    storage,
    sent,
    controls: [],
    offers: { standard: true, personalize: false, forget: true },
  },
  control: {
    slot: 'hero',
    experience: 'baseline',
    arm: 'control',
    reason: 'slot-control',
    summary: 'You see the standard version of this part of the page.',
    audienceReason: 'AUDIENCE-REASON-LEAK',
    armText: 'You are in a randomly chosen control group for this part of the page.',
    signals: [],
    storage,
    sent,
    controls: [],
    offers: { standard: true, personalize: false, forget: true },
  },
  nomatch: {
    slot: 'hero',
    experience: 'baseline',
    arm: 'targeted',
    reason: 'no-audience-match',
    summary: 'You see the standard version: no audience matched.',
    armText: 'No audience the site defined matched your visit.',
    signals: [{ name: 'language', label: 'Your browser language', value: 'de-DE', tier: 'low', tierText: 'this visit only' }],
    storage,
    sent,
    controls: [],
    offers: { standard: true, personalize: false, forget: true },
  },
} satisfies Record<string, Explanation>;

/** The value, or a thrown error naming what was missing. */
export function must<T>(value: T | null | undefined, what = 'element'): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

/** A fake host whose state the tests change; every method is a spy. */
export function fakeHost(explanation: Explanation | null | undefined = EXPLANATIONS.targeted) {
  const state = {
    explanation: explanation ?? undefined,
    standard: false,
    forgotten: false,
    consent: { tier: 'relationship' as Tier, gpc: false },
    consentChoices: true,
    privacyUrl: '/privacy' as string | undefined,
    eligible: true,
    trusted: [] as [TrustKind, string | undefined][],
  };
  const host = {
    // Like the instance: after "forget" or "show me the standard version" the explanation says so, with the matching offers.
    explain: vi.fn((_slot: string): Explanation | undefined => {
      const e = state.explanation;
      if (!e) return e;
      if (state.forgotten) return { ...e, experience: 'baseline', reason: 'forgotten', summary: 'This site forgot what it remembered about you.', offers: { standard: false, personalize: false, forget: false } };
      if (state.standard) return { ...e, experience: 'baseline', reason: 'show-standard', summary: 'You see the standard version, as you asked.', offers: { standard: false, personalize: true, forget: true } };
      return e;
    }),
    showStandard: vi.fn(() => {
      state.standard = true;
    }),
    personalize: vi.fn(() => {
      state.standard = false;
    }),
    standard: vi.fn(() => state.standard),
    forget: vi.fn(() => {
      state.forgotten = true;
      return Promise.resolve();
    }),
    consent: vi.fn(() => state.consent),
    setConsent: vi.fn((tier: Tier) => {
      state.consent = { ...state.consent, tier };
    }),
    options: vi.fn((): ReturnType<WidgetHost['options']> => ({
      consentChoices: state.consentChoices,
      privacyUrl: state.privacyUrl,
      ask: { key: 'role', question: 'Which best describes you?', options: ['Developer', ['mgr', 'Manager'] as [string, string]], share: 0.02 },
    })),
    trust: vi.fn((kind: TrustKind, slot?: string) => {
      state.trusted.push([kind, slot]);
    }),
    askEligible: vi.fn(() => state.eligible),
    answerAsk: vi.fn((_value: string | null) => undefined),
  } satisfies WidgetHost;
  return { host, state };
}

/** The open dialog's shadow root, if any. */
export function widgetRoot(): ShadowRoot | null {
  return document.querySelector('.candor-widget')?.shadowRoot ?? null;
}

/** Closes any open dialog (module state allows one at a time). */
export function closeWidget(): void {
  widgetRoot()?.querySelector<HTMLButtonElement>('[part~=close]')?.click();
}
