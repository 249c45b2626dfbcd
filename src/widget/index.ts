/**
 * `candor/widget`: the "Why am I seeing this?" dialog, the `<candor-why>` control and the `<candor-ask>` prompt.
 * Importing it registers nothing; call {@link defineWhyElement} / {@link defineAskElement} with your instance's `widget`.
 * @example
 * const { defineWhyElement, openWhy } = await import('candor/widget');
 * defineWhyElement(candor.widget);
 * myButton.onclick = () => openWhy(candor.widget, 'hero', myButton);
 * @packageDocumentation
 */
export type { WidgetHost } from './widget-host.js';
export { WIDGET_MESSAGES_EN, setWidgetMessages, type WidgetMessages } from './widget-messages.js';
export { openWhy } from './open-why.js';
export { defineWhyElement } from './define-why-element.js';
export { defineAskElement } from './define-ask-element.js';
