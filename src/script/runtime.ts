/**
 * The script tag's runtime (`candor-runtime.min.js`), loaded by the first pass (`candor.min.js`) without blocking the
 * page: it validates the config, continues the page view the first pass opened (logging the exposures of its
 * decisions), and wires events, goals, the `window.candor` API, `candorQueue` and the widget. When validation finds a
 * problem the first pass could not see, every slot goes back to its standard content, and later page views show the
 * standard content from the start.
 */
import './first-pass.js';
import { startCandor } from '../instance/create-candor.js';
import type { Candor } from '../instance/candor-api.js';
import { restoreStandard } from '../dom/apply-experience.js';
import { findSlots } from '../dom/find-slots.js';
import { onDeclareField } from '../dom/declare-fields.js';
import { onTopic } from '../dom/topic-views.js';
import { onNavigation } from '../dom/history-hooks.js';
import { reportError } from '../util/report-error.js';
import { VERBOSE } from '../core/config/verbose-errors.js';
import { guard } from './guard.js';
import { blockedByTrustedTypes, loadSiblingScript } from './load-sibling-script.js';
import { markConfigInvalid } from './mark-config-invalid.js';
import { configMarkedValid, markConfigValid } from './valid-config-mark.js';
import { decisionsOf } from '../visit/continue-visit.js';

/** One console error when one of the files a visitor's "why" needs (the widget, the explanation code) does not load. */
const reportNotLoaded = (file: string, error: unknown): void => {
  const blocked = blockedByTrustedTypes(error);
  reportError(
    blocked ? 'trusted-types' : 'widget-load',
    file,
    VERBOSE ? `${blocked ? "the page's Trusted Types refused" : 'could not load'} ${file}.` : '',
    VERBOSE ? (blocked ? "Add `trusted-types candor` to the page's Content-Security-Policy." : `Serve ${file} next to candor.min.js.`) : '',
  );
};

guard('candor-runtime.min.js', () => {
  const pass = window.__candor?.pass;
  if (!pass || window.candor) return;
  const doc = document;
  const { script, params, visit } = pass;
  const data = script?.dataset ?? {};
  const storage = (): Storage | undefined => {
    try {
      return localStorage;
    } catch {
      return undefined;
    }
  };

  /** Loads one of Candor's on-demand files once (again after a failure, which is reported). */
  const onDemand = (file: string): (() => Promise<void>) => {
    let loading: Promise<void> | undefined;
    return () =>
      (loading ??= loadSiblingScript(file, script).catch((error: unknown) => {
        loading = undefined;
        reportNotLoaded(file, error);
        throw error;
      }));
  };
  const loadExplain = onDemand('candor-explain.min.js');
  const loadWidgetFile = onDemand('candor-widget.min.js');
  // The widget shows explanations: both files, fetched side by side.
  const loadWidget = (): Promise<void> => Promise.all([loadExplain(), loadWidgetFile()]).then(() => undefined);

  const candor = startCandor(
    {
      config: pass.raw,
      sink: data.sink,
      dataLayer: data.dataLayer !== undefined,
      segment: data.segment !== undefined,
      forceAsk: params.has('candor-ask'),
      messages: window.candorExplainMessages,
    },
    {
      visit,
      validated: configMarkedValid(storage(), pass.raw),
      onInvalid() {
        for (const slot of findSlots(doc)) restoreStandard(slot);
        markConfigInvalid(storage(), pass.raw);
      },
      onValid() {
        markConfigValid(storage(), pass.raw);
      },
    },
    // The explanation code is a file of its own (candor-explain.min.js), which registers it when loaded.
    { current: () => window.__candor?.explain, load: loadExplain },
  );
  window.candor = candor;


  candor.on('change', ({ standard }) => {
    for (const slot of findSlots(doc)) {
      if (standard) restoreStandard(slot);
      else pass.apply(slot);
    }
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
        () => undefined,
      );
    }),
  );

  const ready = guard('ready', () => {
    if (doc.querySelector('candor-ask') && candor.widget.askEligible()) void loadWidgetFile().catch(() => undefined);
    if (params.has('candor-debug')) {
      console.table(
        [...decisionsOf(visit).values()].map((d) => ({
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

  // Callbacks queued before the runtime loaded, then a queue that runs them at once.
  const run = guard('candorQueue', (callback: (c: Candor) => void) => {
    callback(candor);
  });
  const queued = window.candorQueue;
  window.candorQueue = { push: run };
  if (Array.isArray(queued)) queued.forEach(run);
  // Goals clicked before the runtime arrived, after the queue so its listeners hear them; every later click too (the
  // first pass listens for the clicks).
  pass.takeGoals((goal) => {
    candor.track(goal);
  });
})();
