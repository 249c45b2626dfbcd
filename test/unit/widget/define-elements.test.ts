import { afterEach, describe, expect, it } from 'vitest';
import { defineAskElement } from '../../../src/widget/define-ask-element.js';
import { defineWhyElement } from '../../../src/widget/define-why-element.js';
import { WIDGET_MESSAGES_EN } from '../../../src/widget/widget-messages.js';
import { closeWidget, fakeHost, must, widgetRoot, XSS } from './fake-host.js';

// Custom elements stay defined for the whole file, so one host serves every test; tests change its state.
const { host, state } = fakeHost();
defineWhyElement(host);
defineAskElement(host);

afterEach(() => {
  closeWidget();
  document.body.replaceChildren();
  state.eligible = true;
  for (const spy of Object.values(host)) spy.mockClear();
});

function mount(markup: string): HTMLElement {
  const template = document.createElement('template');
  template.innerHTML = markup; // test fixture markup, written here
  const el = template.content.firstElementChild as HTMLElement;
  document.body.append(el);
  return el;
}

describe('<candor-why>', () => {
  it('defining twice is harmless', () => {
    expect(() => {
      defineWhyElement(fakeHost().host);
    }).not.toThrow();
  });

  it('a click on the page author\'s button opens the explanation of its slot; closing returns focus to that button', () => {
    const el = mount('<candor-why for="pricing"><button type="button">Why?</button></candor-why>');
    const button = must(el.querySelector('button'));
    button.click();
    expect(host.explain).toHaveBeenCalledWith('pricing');
    expect(host.trust).toHaveBeenCalledWith('explanation_opened', 'pricing');
    expect(widgetRoot()).not.toBeNull();
    closeWidget();
    expect(document.activeElement).toBe(button);
  });

  it('an empty element shows a default button that opens it', () => {
    const el = mount('<candor-why for="hero"></candor-why>');
    const fallback = el.shadowRoot?.querySelector('button');
    expect(fallback?.textContent).toBe(WIDGET_MESSAGES_EN.title);
    fallback?.click();
    expect(host.explain).toHaveBeenCalledWith('hero');
  });

  it('without a `for` attribute nothing opens', () => {
    mount('<candor-why><button type="button">Why?</button></candor-why>').querySelector('button')?.click();
    expect(widgetRoot()).toBeNull();
  });
});

describe('<candor-ask>', () => {
  const buttons = (el: HTMLElement) => [...(el.shadowRoot?.querySelectorAll('button') ?? [])];

  it('renders the question, each option and "Skip" when the visitor is eligible', () => {
    const el = mount('<candor-ask></candor-ask>');
    expect(el.hidden).toBe(false);
    expect(el.shadowRoot?.textContent).toContain('Which best describes you?');
    expect(buttons(el).map((b) => b.textContent)).toEqual(['Developer', 'Manager', WIDGET_MESSAGES_EN.skip]);
  });

  it('an answer records the option value and thanks the visitor', () => {
    const el = mount('<candor-ask></candor-ask>');
    buttons(el)[1]?.click();
    expect(host.answerAsk).toHaveBeenCalledWith('mgr');
    expect(buttons(el)).toHaveLength(0);
    expect(el.shadowRoot?.textContent).toBe(WIDGET_MESSAGES_EN.thanks);
  });

  it('"Skip" records a dismissal and hides the prompt', () => {
    const el = mount('<candor-ask></candor-ask>');
    buttons(el).at(-1)?.click();
    expect(host.answerAsk).toHaveBeenCalledWith(null);
    expect(el.hidden).toBe(true);
  });

  it('stays hidden and empty when the visitor is not eligible', () => {
    state.eligible = false;
    const el = mount('<candor-ask></candor-ask>');
    expect(el.hidden).toBe(true);
    expect(buttons(el)).toHaveLength(0);
    expect(host.answerAsk).not.toHaveBeenCalled();
  });

  it('shows a question containing markup as text', () => {
    host.options.mockReturnValueOnce({ consentChoices: false, ask: { key: 'role', question: XSS, options: [[XSS, XSS]], share: 1 } });
    const el = mount('<candor-ask></candor-ask>');
    expect(el.shadowRoot?.querySelector('img')).toBeNull();
    expect(el.shadowRoot?.textContent).toContain(XSS);
  });
});
