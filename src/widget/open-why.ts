import { TIERS, type Explanation, type Tier } from '../core/types.js';
import { h } from './h.js';
import { adoptStyles } from './widget-styles.js';
import { messages as m } from './widget-messages.js';
import type { WidgetHost } from './widget-host.js';

/** The open dialog's host element, so a second open (element and loader both handling one click) does nothing. */
let current: HTMLElement | null = null;

/** Only http(s) and relative links: a config can never make the widget run a `javascript:` URL. */
function safeUrl(url: string | undefined): string | undefined {
  try {
    return url && /^https?:$/.test(new URL(url, location.href).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The tabbable controls of the dialog, in order. */
function tabbables(dialog: HTMLDialogElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>('button,a[href],input:checked,input:not([type=radio])')];
}

/**
 * Builds the explanation from the slot's real decision record. Random arms never get an audience reason,
 * even if one were passed in.
 */
function content(e: Explanation | undefined, host: WidgetHost, act: (name: string, run: () => unknown, done: string) => void): Node[] {
  if (!e) return [h('p', { id: 's' }, m.unknown)];
  const opts = host.options();
  const consent = host.consent();
  const privacy = safeUrl(opts.privacyUrl);
  const tierLabel = (tier: Tier) => m[tier];
  // The audience's reason is in the summary already: the section says how the choice was made, once.
  const checked = e.reason === 'no-audience-match';
  const offers = e.offers;
  return [
    h('p', { id: 's' }, e.summary),
    h('section', { part: 'section' }, h('h3', null, m.chose), h('p', null, e.armText)),
    h(
      'section',
      { part: 'section' },
      h('h3', null, checked ? m.checked : m.used),
      e.signals.length
        ? h('ul', null, ...e.signals.map((s) => h('li', { part: 'signal' }, s.label + ': ', h('strong', null, s.value), ' ', h('small', null, '(' + s.tierText + ')'))))
        : h('p', null, checked ? m.nothingChecked : m.noSignals),
    ),
    h('section', { part: 'section' }, h('h3', null, m.data), h('p', null, e.storage), h('p', null, e.sent)),
    h(
      'section',
      { part: 'section' },
      h('h3', null, m.choices),
      (offers.standard || offers.personalize) &&
        h(
          'button',
          { type: 'button', part: 'button', id: 'std', onclick: () => { act('std', () => { if (offers.personalize) host.personalize(); else host.showStandard(); }, offers.personalize ? m.personalizeDone : m.standardDone); } },
          offers.personalize ? m.personalize : m.showStandard,
        ),
      offers.forget && h('button', { type: 'button', part: 'button', id: 'fgt', onclick: () => { act('fgt', () => host.forget(), m.forgotten); } }, m.forget),
      opts.consentChoices && e.reason !== 'forgotten' &&
        h(
          'fieldset',
          null,
          h('legend', null, m.tierQuestion),
          consent.gpc && h('p', null, m.gpc.replace('{tier}', tierLabel(consent.tier))),
          ...TIERS.map((tier) =>
            h(
              'label',
              null,
              h('input', {
                type: 'radio',
                name: 'tier',
                value: tier,
                checked: consent.tier === tier,
                onchange: () => { act('', () => { host.setConsent(tier); }, m.tierDone); },
              }),
              ' ' + tierLabel(tier),
            ),
          ),
        ),
      privacy && h('p', null, h('a', { href: privacy }, m.privacy)),
    ),
  ];
}

/**
 * Opens the "Why am I seeing this?" dialog for a slot: a modal `<dialog>` in a shadow root, built from
 * `host.explain(slot)` as text only. Focus moves to the title, Tab stays inside, Escape or the close button
 * closes it, and focus returns to `returnFocusTo` (the control that opened it). Logs `explanation_opened`.
 * Does nothing while a dialog is already open. Never throws.
 * @example openWhy(candor, 'hero', button);
 */
export function openWhy(host: WidgetHost, slot: string, returnFocusTo?: HTMLElement | null): void {
  if (current) return;
  try {
    const wrap = h('div', { class: 'candor-widget' });
    const root = wrap.attachShadow({ mode: 'open' });
    adoptStyles(root);
    const status = h('p', { role: 'status' });
    const title = h('h2', { id: 't', part: 'title', tabindex: '-1' }, m.title);
    const close = () => {
      // jsdom and old browsers lack close(). The close event comes a task later: finish now, so a quick reopen works.
      if (typeof dialog.close === 'function' && dialog.open) dialog.close();
      done();
    };
    const body = h('div');
    const act = (name: string, run: () => unknown, text: string) => {
      Promise.resolve()
        .then(run)
        .then(
          () => {
            if (name) {
              render();
              root.getElementById(name)?.focus();
            }
            status.textContent = text;
          },
          () => (status.textContent = m.failed),
        );
    };
    const render = () => {
      body.replaceChildren(...content(host.explain(slot), host, act));
    };
    const dialog = h(
      'dialog',
      {
        part: 'dialog',
        'aria-labelledby': 't',
        'aria-describedby': 's',
        onclose: () => { done(); },
        onkeydown: (event) => {
          const { key, shiftKey } = event as KeyboardEvent;
          if (key === 'Escape') {
            event.preventDefault();
            close();
          } else if (key === 'Tab') {
            const all = tabbables(dialog);
            const active = root.activeElement;
            const first = all[0];
            const last = all.at(-1);
            const edge = shiftKey ? (active === first || active === title) && last : active === last && first;
            if (edge) {
              event.preventDefault();
              edge.focus();
            }
          }
        },
      },
      title,
      h('button', { type: 'button', part: 'button close', 'aria-label': m.close, onclick: close }, '×'),
      body,
      status,
    );
    const done = () => {
      if (current !== wrap) return;
      current = null;
      wrap.remove();
      // A <candor-why> passed by the loader: focus the control inside it.
      const back = returnFocusTo?.localName === 'candor-why' ? (returnFocusTo.querySelector('button,a') ?? returnFocusTo.shadowRoot?.querySelector('button')) : returnFocusTo;
      (back as HTMLElement | null | undefined)?.focus();
    };
    render();
    root.append(dialog);
    document.body.append(wrap);
    current = wrap;
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    title.focus();
    host.trust('explanation_opened', slot);
  } catch {
    current?.remove();
    current = null;
  }
}
