import { h } from './h.js';
import { adoptStyles } from './widget-styles.js';
import { messages } from './widget-messages.js';
import type { WidgetHost } from './widget-host.js';

/**
 * Registers `<candor-ask>`: the optional self-identification prompt from the config's `ask` (question, options).
 * It renders only when `host.askEligible()` (a drawn share of visitors, never twice, consent ≥ relationship);
 * otherwise it stays hidden. An answer is recorded with `host.answerAsk(value)` and the prompt says thanks;
 * "Skip" records a dismissal (`host.answerAsk(null)`) and hides it. Idempotent: only the first call's host is used.
 * Theme it with `candor-ask::part(section | title | button | skip)` and the `--candor-*` custom properties.
 * @example
 * defineAskElement(candor);
 * // <candor-ask></candor-ask>
 */
export function defineAskElement(host: WidgetHost): void {
  if (customElements.get('candor-ask')) return;
  customElements.define(
    'candor-ask',
    class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        const root = this.attachShadow({ mode: 'open' });
        const ask = host.options().ask;
        if (!ask || !host.askEligible()) {
          this.hidden = true;
          return;
        }
        adoptStyles(root);
        const answer = (value: string | null) => {
          host.answerAsk(value);
          if (value === null) {
            this.hidden = true;
            return;
          }
          const thanks = h('p', { role: 'status', part: 'section', tabindex: '-1' }, messages.thanks);
          root.replaceChildren(thanks);
          thanks.focus();
        };
        root.append(
          h(
            'section',
            { part: 'section', 'aria-labelledby': 'q' },
            h('p', { id: 'q', part: 'title' }, ask.question),
            ...ask.options.map((option) => {
              const [value, label] = typeof option === 'string' ? [option, option] : option;
              return h('button', { type: 'button', part: 'button', onclick: () => { answer(value); } }, label);
            }),
            h('button', { type: 'button', part: 'button skip', onclick: () => { answer(null); } }, messages.skip),
          ),
        );
      }
    },
  );
}
