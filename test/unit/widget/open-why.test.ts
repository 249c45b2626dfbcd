import { afterEach, describe, expect, it } from 'vitest';
import { openWhy } from '../../../src/widget/open-why.js';
import { setWidgetMessages, WIDGET_MESSAGES_EN } from '../../../src/widget/widget-messages.js';
import { closeWidget, EXPLANATIONS, fakeHost, must, widgetRoot, XSS } from './fake-host.js';

afterEach(() => {
  closeWidget();
  setWidgetMessages(WIDGET_MESSAGES_EN);
  document.body.replaceChildren();
});

function open(host: ReturnType<typeof fakeHost>['host'], slot = 'hero', from?: HTMLElement) {
  openWhy(host, slot, from);
  const root = widgetRoot();
  if (!root) throw new Error('the dialog did not open');
  return root;
}

const text = (root: ShadowRoot) => root.textContent;
const buttons = (root: ShadowRoot) => [...root.querySelectorAll('button')];
const button = (root: ShadowRoot, label: string) => {
  const found = buttons(root).find((b) => b.textContent === label);
  if (!found) throw new Error(`no button "${label}" among ${buttons(root).map((b) => b.textContent).join(', ')}`);
  return found;
};
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('openWhy: content from the decision record', () => {
  it.each(Object.entries(EXPLANATIONS))('%s: summary, arm text, storage, sent and every signal with label, value and intensity', (_arm, explanation) => {
    const { host } = fakeHost(explanation);
    const root = open(host);
    const all = text(root);
    for (const part of [explanation.summary, explanation.armText, explanation.storage, explanation.sent]) expect(all).toContain(part);
    const items = [...root.querySelectorAll('[part=signal]')].map((li) => li.textContent);
    expect(items).toHaveLength(explanation.signals.length);
    for (const [i, s] of explanation.signals.entries()) {
      expect(items[i]).toContain(s.label);
      expect(items[i]).toContain(s.value);
      expect(items[i]).toContain(s.tierText);
    }
    if (!explanation.signals.length) expect(all).toContain(WIDGET_MESSAGES_EN.noSignals);
    // No audience matched: the section lists what was checked, under its own heading.
    expect(all.includes(WIDGET_MESSAGES_EN.checked)).toBe(explanation.reason === 'no-audience-match');
    expect(host.explain).toHaveBeenCalledWith('hero');
  });

  it('splits "What the site chose" from "What we used from your visit", and says the audience reason once (in the summary)', () => {
    const { host } = fakeHost();
    const root = open(host);
    const [chose, used] = [...root.querySelectorAll('section')];
    expect(chose?.querySelector('h3')?.textContent).toBe(WIDGET_MESSAGES_EN.chose);
    expect(chose?.textContent).toContain(EXPLANATIONS.targeted.armText);
    expect(text(root).split(EXPLANATIONS.targeted.audienceReason).length - 1).toBe(1);
    expect(used?.querySelector('h3')?.textContent).toBe(WIDGET_MESSAGES_EN.used);
    expect(used?.textContent).toContain('health-2026');
  });

  it.each(['explore', 'holdout', 'control'] as const)('%s: never shows an audience reason, even if the record carried one', (arm) => {
    const { host } = fakeHost(EXPLANATIONS[arm]);
    expect(text(open(host))).not.toContain('AUDIENCE-REASON-LEAK');
  });

  it('shows markup in any string as text: no element is ever created from it', () => {
    const { host } = fakeHost({
      ...EXPLANATIONS.targeted,
      summary: XSS,
      audienceReason: XSS,
      armText: XSS,
      storage: XSS,
      sent: XSS,
      signals: [{ name: 'utm.campaign', label: XSS, value: XSS, tier: 'low', tierText: XSS }],
    });
    setWidgetMessages({ title: XSS, chose: XSS });
    const root = open(host);
    expect(root.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(root.querySelector('h2')?.textContent).toBe(XSS);
    expect(text(root).split(XSS).length - 1).toBeGreaterThanOrEqual(8);
  });

  it('says so when the slot has no explanation', () => {
    const { host } = fakeHost(null);
    expect(text(open(host, 'nowhere'))).toContain(WIDGET_MESSAGES_EN.unknown);
  });
});

describe('openWhy: dialog behaviour', () => {
  it('is a labelled, described dialog with a named close button; focus moves to the title; logs explanation_opened', () => {
    const { host, state } = fakeHost();
    const root = open(host);
    const dialog = root.querySelector('dialog');
    expect(dialog?.hasAttribute('open')).toBe(true);
    expect(root.getElementById(dialog?.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(WIDGET_MESSAGES_EN.title);
    expect(root.getElementById(dialog?.getAttribute('aria-describedby') ?? '')?.textContent).toBe(EXPLANATIONS.targeted.summary);
    expect(root.querySelector('[part~=close]')?.getAttribute('aria-label')).toBe('Close');
    expect(root.activeElement).toBe(root.querySelector('h2'));
    expect(state.trusted).toEqual([['explanation_opened', 'hero']]);
  });

  it('Escape closes it and focus returns to the control that opened it', () => {
    const { host } = fakeHost();
    const trigger = document.body.appendChild(document.createElement('button'));
    const root = open(host, 'hero', trigger);
    root.querySelector('dialog')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(widgetRoot()).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('the close button closes it and focus returns', () => {
    const { host } = fakeHost();
    const trigger = document.body.appendChild(document.createElement('button'));
    open(host, 'hero', trigger);
    closeWidget();
    expect(widgetRoot()).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('Tab from the last control wraps to the first, Shift+Tab from the first to the last', () => {
    const { host } = fakeHost();
    const root = open(host);
    const dialog = must(root.querySelector('dialog'));
    const controls = [...root.querySelectorAll<HTMLElement>('button, a[href], input:checked')];
    controls.at(-1)?.focus();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(root.activeElement).toBe(controls[0]);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true }));
    expect(root.activeElement).toBe(controls.at(-1));
  });

  it('opens once: a second open while one is open does nothing', () => {
    const { host } = fakeHost();
    open(host);
    openWhy(host, 'hero');
    expect(document.querySelectorAll('.candor-widget')).toHaveLength(1);
    expect(host.trust).toHaveBeenCalledTimes(1);
  });
});

describe('openWhy: controls call the host', () => {
  it('"Show me the standard version" then "Personalize again" toggle through the host, keep focus, and say what happened', async () => {
    const { host } = fakeHost();
    const root = open(host);
    button(root, WIDGET_MESSAGES_EN.showStandard).click();
    await flush();
    expect(host.showStandard).toHaveBeenCalledTimes(1);
    expect(root.querySelector('[role=status]')?.textContent).toBe(WIDGET_MESSAGES_EN.standardDone);
    const again = button(root, WIDGET_MESSAGES_EN.personalize);
    expect(root.activeElement).toBe(again);
    again.click();
    await flush();
    expect(host.personalize).toHaveBeenCalledTimes(1);
    expect(button(root, WIDGET_MESSAGES_EN.showStandard)).toBeTruthy();
  });

  it('"Forget what this site remembers" calls forget and says it is done, from a fresh explanation', async () => {
    const { host } = fakeHost();
    const root = open(host);
    host.explain.mockClear();
    button(root, WIDGET_MESSAGES_EN.forget).click();
    await flush();
    expect(host.forget).toHaveBeenCalledTimes(1);
    expect(host.explain).toHaveBeenCalled();
    expect(root.querySelector('[role=status]')?.textContent).toBe(WIDGET_MESSAGES_EN.forgotten);
    // The dialog now tells what is true: the site forgot; nothing is left to switch or forget.
    expect(root.getElementById('s')?.textContent).toBe('This site forgot what it remembered about you.');
    expect(text(root)).not.toContain('as you asked');
    expect(buttons(root).map((b) => b.textContent)).toEqual(['×']);
  });

  it('offers "Show me the standard version" only when something else is shown', () => {
    const { host } = fakeHost({ ...EXPLANATIONS.control, offers: { standard: false, personalize: false, forget: true } });
    const root = open(host);
    expect(buttons(root).map((b) => b.textContent)).toEqual(['×', WIDGET_MESSAGES_EN.forget]);
  });

  it('says so when forget fails', async () => {
    const { host } = fakeHost();
    host.forget.mockImplementation(() => Promise.reject(new Error('blocked')));
    const root = open(host);
    button(root, WIDGET_MESSAGES_EN.forget).click();
    await flush();
    expect(root.querySelector('[role=status]')?.textContent).toBe(WIDGET_MESSAGES_EN.failed);
  });

  it('offers the tier choices when the site asks for consent, reflecting consent(), and sets the choice', async () => {
    const { host } = fakeHost();
    const root = open(host);
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value)).toEqual(['low', 'relationship', 'high']);
    expect(radios.map((r) => r.checked)).toEqual([false, true, false]);
    expect(radios.map((r) => r.parentElement?.textContent.trim())).toEqual([WIDGET_MESSAGES_EN.low, WIDGET_MESSAGES_EN.relationship, WIDGET_MESSAGES_EN.high]);
    must(radios[0]).click();
    await flush();
    expect(host.setConsent).toHaveBeenCalledWith('low');
    expect(root.querySelector('[role=status]')?.textContent).toBe(WIDGET_MESSAGES_EN.tierDone);
  });

  it('no tier choices when the site does not ask; GPC caps are said honestly', () => {
    const { host, state } = fakeHost();
    state.consentChoices = false;
    expect(open(host).querySelector('input')).toBeNull();
    closeWidget();
    state.consentChoices = true;
    state.consent = { tier: 'low', gpc: true };
    expect(text(open(host))).toContain(WIDGET_MESSAGES_EN.gpc.replace('{tier}', WIDGET_MESSAGES_EN.low));
  });

  it('links to the privacy notice, but never to a javascript: URL', () => {
    const { host, state } = fakeHost();
    expect(open(host).querySelector('a')?.getAttribute('href')).toBe('/privacy');
    closeWidget();
    state.privacyUrl = 'javascript:alert(1)';
    expect(open(host).querySelector('a')).toBeNull();
  });
});

describe('setWidgetMessages', () => {
  it('replaces strings (translation); unknown keys and non-strings are ignored', () => {
    setWidgetMessages({ title: 'Warum sehe ich das?', showStandard: 'Zeig mir die Standardversion', close: 'Schließen' });
    setWidgetMessages({ nope: 'x', forget: 42 } as never);
    const { host } = fakeHost();
    const root = open(host);
    expect(root.querySelector('h2')?.textContent).toBe('Warum sehe ich das?');
    expect(button(root, 'Zeig mir die Standardversion')).toBeTruthy();
    expect(root.querySelector('[part~=close]')?.getAttribute('aria-label')).toBe('Schließen');
    expect(button(root, WIDGET_MESSAGES_EN.forget)).toBeTruthy();
  });
});
