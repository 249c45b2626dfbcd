import { h } from './h.js';
import { messages } from './widget-messages.js';
import { openWhy } from './open-why.js';
import type { WidgetHost } from './widget-host.js';

/**
 * Registers `<candor-why for="slot">`: a control that opens the slot's explanation ({@link openWhy}).
 * Put your own `<button>` inside it (it works before the widget loads, with the script tag); an empty element
 * shows a default button, styleable as `candor-why::part(button)`. Idempotent: only the first call's host is used.
 * @example
 * defineWhyElement(candor);
 * // <candor-why for="hero"><button type="button">Why am I seeing this?</button></candor-why>
 */
export function defineWhyElement(host: WidgetHost): void {
  if (customElements.get('candor-why')) return;
  customElements.define(
    'candor-why',
    class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        this.attachShadow({ mode: 'open' }).append(h('slot', null, h('button', { type: 'button', part: 'button' }, messages.title)));
        this.addEventListener('click', (event) => {
          const slot = this.getAttribute('for');
          const control = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && /^(BUTTON|A)$/.test(node.tagName));
          if (!slot || !control) return;
          event.preventDefault();
          openWhy(host, slot, control);
        });
      }
    },
  );
}
