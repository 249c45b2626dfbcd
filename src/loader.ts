/**
 * The script-tag entry (`candor.min.js`): the only module with top-level side effects.
 * Runs synchronously in `<head>`, decides from local state, and applies each slot as the parser reaches it.
 * It never hides the page: on any failure the standard content, which is always in the page, stays.
 */
import { CONFIG_ALREADY_REPORTED, createCandor } from './instance/create-candor.js';
import type { Candor } from './instance/candor-api.js';
import type { ExplainMessages } from './core/explain/explain-messages.js';
import { BASELINE, type Decision } from './core/types.js';
import { applyExperience, restoreStandard } from './dom/apply-experience.js';
import { findSlots } from './dom/find-slots.js';
import { watchSlots } from './dom/watch-slots.js';
import { reserveSlot } from './dom/reserve-slot.js';
import { onGoalClick } from './dom/goal-clicks.js';
import { onDeclareField } from './dom/declare-fields.js';
import { onTopic } from './dom/topic-views.js';
import { onNavigation } from './dom/history-hooks.js';
import { reportError } from './util/report-error.js';

declare global {
  interface Window {
    candor?: Candor;
    candorConfig?: unknown;
    candorQueue?: { push(callback: (candor: Candor) => void): void } | ((candor: Candor) => void)[];
    candorWidget?: { open(slot: string, returnFocusTo?: HTMLElement): void };
    candorExplainMessages?: Partial<ExplainMessages>;
  }
}

/** How long a slot waits for a `data-config-url` config before it shows its standard content. */
const CONFIG_URL_TIMEOUT_MS = 300;

const guard =
  <A extends unknown[]>(where: string, fn: (...args: A) => void) =>
  (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      reportError('internal-error', where, `Candor failed (${String(error)}); the standard content stays.`, 'Please report this with the page and config.');
    }
  };

guard('candor.min.js', () => {
  const doc = document;
  const script = doc.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const params = new URLSearchParams(location.search);

  /** `?candor=hero:hero-health,cta:cta-trial` forces experiences through the same decision path (never counted). */
  const forced: Record<string, string> = {};
  for (const pair of (params.get('candor') ?? '').split(',')) {
    const [slot, experience] = pair.split(':');
    if (slot && experience) forced[slot] = experience;
  }

  /** The inline JSON block is recommended: no request, and it works under a strict CSP. */
  const inlineConfig = (): unknown => {
    const block = doc.getElementById('candor-config');
    if (!block) return window.candorConfig;
    try {
      return JSON.parse(block.textContent) as unknown;
    } catch (error) {
      reportError(
        'config-json',
        '#candor-config',
        `the config block is not valid JSON (${String(error)}), so every slot shows its standard content.`,
        'Check the JSON inside <script type="application/json" id="candor-config"> with `candor check`.',
      );
      return CONFIG_ALREADY_REPORTED;
    }
  };

  const start = (config: unknown): Candor => {
    const candor = createCandor({
      config,
      sink: data.sink,
      dataLayer: data.dataLayer !== undefined,
      segment: data.segment !== undefined,
      visitorId: data.visitorId,
      forced,
      forceAsk: params.has('candor-ask'),
      messages: window.candorExplainMessages,
    });
    window.candor = candor;
    wire(candor);
    return candor;
  };

  const decisions = new Map<string, Decision>();
  let widget: Promise<void> | undefined;
  const loadWidget = (): Promise<void> =>
    (widget ??= new Promise((resolve, reject) => {
      const tag = doc.createElement('script');
      tag.src = new URL('candor-widget.min.js', script?.src ?? location.href).href;
      if (script?.nonce) tag.nonce = script.nonce;
      tag.onload = () => {
        resolve();
      };
      tag.onerror = () => {
        widget = undefined;
        reject(new Error('widget failed to load'));
      };
      doc.head.appendChild(tag);
    }));

  function wire(candor: Candor): void {
    const apply = guard('slots', (slot: HTMLElement) => {
      const name = slot.getAttribute('data-candor-slot');
      if (!name) return;
      const decision = candor.decide(name);
      const slots = candor.config?.slots;
      const experience = slots && Object.hasOwn(slots, name) ? slots[name]?.experiences.find((e) => e.id === decision.experience) : undefined;
      if (!applyExperience(slot, experience, decision.experience)) {
        reportError(
          'experience-not-applied',
          `slots.${name}.experiences (${decision.experience})`,
          `"${decision.experience}" could not be shown in slot "${name}": it has no <template data-candor-experience="${decision.experience}"> inside the slot, or one of its changes did not apply, so the standard content stays.`,
          'Add the template inside the slot element, or fix the change\'s selector, attribute or template id.',
        );
      }
      if (!decisions.has(name)) {
        decisions.set(name, decision);
        doc.dispatchEvent(new CustomEvent('candor:decision', { detail: decision }));
      }
    });
    // A slot whose closing tag is still on its way when the parser yields is hidden alone (size kept, ≤ 300 ms),
    // and only when it will show something other than its standard content.
    const waiting = new WeakMap<HTMLElement, () => void>();
    watchSlots(
      doc,
      (slot) => {
        apply(slot);
        waiting.get(slot)?.();
      },
      guard('slots', (slot: HTMLElement) => {
        const name = slot.getAttribute('data-candor-slot');
        if (name && candor.decide(name).experience !== BASELINE) waiting.set(slot, reserveSlot(slot));
      }),
    );

    candor.on('change', ({ standard }) => {
      for (const slot of findSlots(doc)) {
        if (standard) restoreStandard(slot);
        else apply(slot);
      }
    });
    onGoalClick(doc, (goal) => {
      candor.track(goal);
    });
    onDeclareField(doc, (key, value) => {
      candor.setAttributes({ [key]: value });
    });
    onTopic(doc, (topic, weight) => {
      candor.recordTopic(topic, weight);
    });
    onNavigation(window, () => {
      candor.page();
    });

    // The widget costs nothing until a visitor asks "Why am I seeing this?".
    doc.addEventListener(
      'click',
      guard('why-control', (event: Event) => {
        const target = event.target instanceof Element ? event.target : null;
        const control = target?.closest('[data-candor-why],candor-why');
        if (!control) return;
        const slot = control.getAttribute('data-candor-why') ?? control.getAttribute('for');
        if (!slot) return;
        const trigger = (target?.closest('button,a,[tabindex]') ?? control) as HTMLElement;
        loadWidget().then(
          () => window.candorWidget?.open(slot, trigger),
          () => {
            reportError('widget-load', 'candor-widget.min.js', 'the explanation widget could not be loaded.', 'Serve candor-widget.min.js next to candor.min.js.');
          },
        );
      }),
    );

    const ready = guard('ready', () => {
      if (doc.querySelector('candor-ask') && candor.askEligible()) void loadWidget().catch(() => undefined);
      if (params.has('candor-debug')) {
        console.table(
          [...decisions.values()].map((d) => ({
            slot: d.slot,
            experience: d.experience,
            arm: d.arm,
            audience: d.audience ?? '',
            reason: d.reason,
            forced: d.forced === true,
            signals: d.signals.map((s) => `${s.name}=${JSON.stringify(s.value)}`).join(' '),
          })),
        );
      }
    });
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', ready);
    else ready();

    // Callbacks queued before the script loaded, then a queue that runs them at once.
    const run = guard('candorQueue', (callback: (c: Candor) => void) => {
      callback(candor);
    });
    const queued = window.candorQueue;
    window.candorQueue = { push: run };
    if (Array.isArray(queued)) queued.forEach(run);
  }

  const configUrl = data.configUrl;
  if (configUrl && !doc.getElementById('candor-config') && window.candorConfig === undefined) {
    // Only the affected slots wait, for at most 300 ms, with their size kept; then the standard content shows.
    const release = reserveSlot(doc, CONFIG_URL_TIMEOUT_MS);
    const timer = setTimeout(() => {
      release();
    }, CONFIG_URL_TIMEOUT_MS);
    fetch(configUrl, { credentials: 'same-origin' })
      .then((response) => response.json() as Promise<unknown>)
      .then(
        guard('data-config-url', (config: unknown) => {
          clearTimeout(timer);
          if (release.expired()) return;
          start(config);
          release();
        }),
        () => {
          clearTimeout(timer);
          release();
          reportError('config-url', 'data-config-url', `the config at ${configUrl} could not be loaded.`, 'Inline the config in <script type="application/json" id="candor-config"> instead.');
        },
      );
  } else {
    start(inlineConfig());
  }
})();
