import { expect, it } from 'vitest';
import { WIDGET_MESSAGES_EN } from '../../../src/widget/widget-messages.js';
import { closeWidget, fakeHost, widgetRoot } from '../widget/fake-host.js';

interface ScriptGlobals {
  candor?: unknown;
  candorWidgetMessages?: unknown;
  candorWidget?: { open(slot: string, returnFocusTo?: HTMLElement | null): void };
}

it('the script-tag build takes window.candor.widget as host, applies window.candorWidgetMessages, defines the elements, and exposes candorWidget.open', async () => {
  const { host } = fakeHost();
  const w = window as unknown as ScriptGlobals;
  w.candor = { widget: host };
  w.candorWidgetMessages = { title: 'Warum sehe ich das?', nonsense: 1 };
  await import('../../../src/script/widget-entry.js');

  expect(customElements.get('candor-why')).toBeDefined();
  expect(customElements.get('candor-ask')).toBeDefined();
  const trigger = document.body.appendChild(document.createElement('button'));
  w.candorWidget?.open('pricing', trigger);
  expect(host.explain).toHaveBeenCalledWith('pricing');
  expect(widgetRoot()?.querySelector('h2')?.textContent).toBe('Warum sehe ich das?');
  expect(widgetRoot()?.textContent).toContain(WIDGET_MESSAGES_EN.showStandard);
  closeWidget();
  expect(document.activeElement).toBe(trigger);
});
