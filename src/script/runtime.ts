/**
 * The script tag's runtime (`candor-runtime.min.js`), loaded by the first pass (`candor.min.js`) without blocking the
 * page: it validates the config (with `candor-check.min.js`, fetched only for a config nothing has validated yet),
 * continues the page view the first pass opened (logging the exposures of its decisions), and wires events, goals, the
 * `window.candor` API, `candorQueue` and the widget. When validation finds a problem the first pass could not see,
 * every slot goes back to its standard content, and later page views show the standard content from the start.
 */
import './first-pass.js';
import { startCandor } from '../instance/start-candor.js';
import type { Candor } from '../instance/candor-api.js';
import { restoreStandard } from '../dom/apply-experience.js';
import { findSlots } from '../dom/find-slots.js';
import { onDeclareField } from '../dom/declare-fields.js';
import { onTopic } from '../dom/topic-views.js';
import { onNavigation } from '../dom/history-hooks.js';
import { reportError } from '../util/report-error.js';
import { guard } from './guard.js';
import { blockedByTrustedTypes, loadSiblingScript } from './load-sibling-script.js';
import { markConfigInvalid } from './mark-config-invalid.js';
import { configMarkedValid, markConfigValid } from './valid-config-mark.js';
import { configStamped } from '../core/config/config-stamp.js';
import type { validateConfig } from '../core/config/validate-config.js';
import type { FirstPass } from './first-pass.js';
import { decisionsOf } from '../visit/continue-visit.js';

/** One console error when one of Candor's on-demand files does not load. */
const reportNotLoaded = (code: 'runtime-load' | 'widget-load', file: string, error: unknown): void => {
  const blocked = blockedByTrustedTypes(error);
  reportError(blocked ? 'trusted-types' : code, file);
};

const storage = (): Storage | undefined => {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
};

guard('candor-runtime.min.js', () => {
  const pass = window.__candor?.pass;
  if (!pass || window.candor) return;
  // A config this browser already found no problem in, or one the site's build stamped (`candor check --stamp`), is
  // not validated again: the first pass read it as validation would. Any other is, with the validator fetched now.
  if (pass.visit.config && (configMarkedValid(storage(), pass.raw) || configStamped(pass.raw, window.__candor?.build))) {
    continuePass(pass, undefined);
    return;
  }
  const checkFile = 'candor-check.min.js';
  const checked = (): void => {
    const validate = window.__candor?.validate;
    if (validate) continuePass(pass, validate);
    else reportNotLoaded('runtime-load', checkFile, undefined);
  };
  // A page may include the validator itself; otherwise it is fetched from next to the script tag.
  if (window.__candor?.validate) checked();
  else {
    loadSiblingScript(checkFile, pass.script).then(guard(checkFile, checked), (error: unknown) => {
      reportNotLoaded('runtime-load', checkFile, error);
    });
  }
})();

/** Continues the page view the first pass opened: the instance, `window.candor`, and everything wired to the page. */
function continuePass(pass: FirstPass, validate: typeof validateConfig | undefined): void {
  const doc = document;
  const { script, params, visit } = pass;
  const data = script?.dataset ?? {};

  /** Loads one of Candor's on-demand files once (again after a failure, which is reported). */
  const onDemand = (file: string): (() => Promise<void>) => {
    let loading: Promise<void> | undefined;
    return () =>
      (loading ??= loadSiblingScript(file, script).catch((error: unknown) => {
        loading = undefined;
        reportNotLoaded('widget-load', file, error);
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
      onInvalid() {
        for (const slot of findSlots(doc)) restoreStandard(slot);
        markConfigInvalid(storage(), pass.raw);
      },
      onValid() {
        markConfigValid(storage(), pass.raw);
      },
    },
    // The explanation code is a file of its own (candor-explain.min.js), which registers it when loaded.
    { validate, explanations: { current: () => window.__candor?.explain, load: loadExplain } },
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
}
