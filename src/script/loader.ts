/**
 * The script tag's first pass (`candor.min.js`): the only Candor code that runs in `<head>`, and the only module with
 * top-level side effects besides the runtime's. It reads the config without validating it, decides from local state
 * synchronously and applies each slot as the parser reaches it; then it loads `candor-runtime.min.js` (validation,
 * events, IndexedDB, the `window.candor` API), which continues the same page view. It never hides the page: on any
 * failure the standard content, which is always in the page, stays.
 */
import './first-pass.js';
import type { FirstPass } from './first-pass.js';
import { CONFIG_ALREADY_REPORTED } from '../instance/config-already-reported.js';
import { readConfig } from '../core/config/read-config.js';
import { openVisit } from '../visit/open-visit.js';
import { BASELINE } from '../core/types.js';
import { applyExperience } from '../dom/apply-experience.js';
import { watchSlots } from '../dom/watch-slots.js';
import { reserveSlot, type Release } from '../dom/reserve-slot.js';
import { reportError } from '../util/report-error.js';
import { guard } from './guard.js';
import { blockedByTrustedTypes, loadSiblingScript } from './load-sibling-script.js';
import { afterFirstPaint } from './after-first-paint.js';
import { configMarkedInvalid } from './invalid-config-mark.js';
import { beaconBeforeRuntime } from './beacon-before-runtime.js';
import { onGoalClick } from '../dom/goal-clicks.js';

/** How long a slot waits for a `data-config-url` config before it shows its standard content. */
const CONFIG_URL_TIMEOUT_MS = 300;

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
      reportError('config-json', '#candor-config', error);
      return CONFIG_ALREADY_REPORTED;
    }
  };

  const start = (raw: unknown): void => {
    let storage: Storage | undefined;
    try {
      storage = localStorage;
    } catch {
      storage = undefined;
    }
    // Validation waits for the runtime; a config it already found problems in shows the standard content at once.
    const config = raw === CONFIG_ALREADY_REPORTED || configMarkedInvalid(storage, raw) ? null : readConfig(raw);
    const visit = openVisit({ config, win: window, now: () => Date.now(), visitorId: data.visitorId, forced });
    const announced = new Set<string>();
    let onGoal = (goal: string): void => {
      pass.goals.push(goal);
    };
    const pass: FirstPass = {
      raw,
      visit,
      apply: guard('slots', (slot: HTMLElement) => {
        const name = slot.getAttribute('data-candor-slot');
        if (!name) return;
        const decision = visit.decide(name);
        const slots = visit.config?.slots;
        const experience = slots && Object.hasOwn(slots, name) ? slots[name]?.experiences.find((e) => e.id === decision.experience) : undefined;
        if (!applyExperience(slot, experience, decision.experience)) {
          reportError('experience-not-applied', `slots.${name}.experiences (${decision.experience})`);
        }
        if (!announced.has(name)) {
          announced.add(name);
          doc.dispatchEvent(new CustomEvent('candor:decision', { detail: decision }));
        }
      }),
      goals: [],
      takeGoals(handler) {
        onGoal = handler;
        for (const goal of pass.goals.splice(0)) handler(goal);
      },
      script,
      params,
    };
    // Goal clicks count from the first paint on, also before the runtime has arrived.
    onGoalClick(doc, (goal) => {
      onGoal(goal);
    });
    // A slot whose closing tag is still on its way when the parser yields is hidden alone (size kept, ≤ 300 ms),
    // and only when it will show something other than its standard content. Past the 300 ms its standard content has
    // been painted, and it keeps it for this page view: no late swap.
    const waiting = new WeakMap<HTMLElement, Release>();
    watchSlots(
      doc,
      (slot) => {
        const release = waiting.get(slot);
        if (release?.expired()) visit.keepStandard(slot.getAttribute('data-candor-slot') ?? '');
        pass.apply(slot);
        release?.();
      },
      guard('slots', (slot: HTMLElement) => {
        const name = slot.getAttribute('data-candor-slot');
        if (name && visit.decide(name).experience !== BASELINE) waiting.set(slot, reserveSlot(slot));
      }),
    );
    if (data.sink) beaconBeforeRuntime(pass, data.sink, () => !!window.candor);
    (window.__candor ??= {}).pass = pass;
    // The runtime is loaded only once the page has painted and the main thread is idle: nothing it does can delay first
    // paint, and until it runs the beacon above covers a visitor who leaves.
    afterFirstPaint(() => {
      loadSiblingScript('candor-runtime.min.js', script).catch(onRuntimeError);
    });
  };

  const onRuntimeError = (error: unknown): void => {
    const blocked = blockedByTrustedTypes(error);
    reportError(blocked ? 'trusted-types' : 'runtime-load', 'candor-runtime.min.js');
  };

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
          reportError('config-url', 'data-config-url', configUrl);
        },
      );
  } else {
    start(inlineConfig());
  }
})();
