/**
 * Script-tag build of the widget (`candor-widget.min.js`), injected by the loader the first time a visitor opens
 * an explanation (or when the self-identification prompt is shown). Uses `window.candor.widget` as its host, applies
 * `window.candorWidgetMessages` (translation) when the page set it, registers `<candor-why>` and `<candor-ask>`,
 * and exposes `window.candorWidget.open(slot, returnFocusTo)` for the loader. The explanations it shows come from
 * `candor-explain.min.js`, which the runtime loads with it.
 */
import { defineAskElement } from '../widget/define-ask-element.js';
import { defineWhyElement } from '../widget/define-why-element.js';
import { openWhy } from '../widget/open-why.js';
import { setWidgetMessages, type WidgetMessages } from '../widget/widget-messages.js';
import type { WidgetHost } from '../widget/widget-host.js';

/** What the loader calls once this script has loaded. */
export interface CandorWidgetGlobal {
  open(slot: string, returnFocusTo?: HTMLElement | null): void;
}

const w = window as unknown as { candor?: { widget?: WidgetHost }; candorWidgetMessages?: Partial<WidgetMessages>; candorWidget?: CandorWidgetGlobal };
const host = w.candor?.widget;
if (host) {
  try {
    if (w.candorWidgetMessages) setWidgetMessages(w.candorWidgetMessages);
    defineWhyElement(host);
    defineAskElement(host);
  } catch {
    // Custom elements unavailable: the dialog still opens through candorWidget.open.
  }
  w.candorWidget = {
    open: (slot, returnFocusTo) => {
      openWhy(host, slot, returnFocusTo);
    },
  };
}
