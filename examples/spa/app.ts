/**
 * Candor in a single-page app (the npm module): every route renders its slot with the decision already made,
 * synchronously, so the first paint of a view is final (no "render the standard version, then swap").
 * Client-side navigation calls `candor.page()` so page signals (`pages.docs`, `url.path`) follow the route.
 * Built by rollup to dist/examples/spa.js (in your app: `import { createCandor } from 'candor'`).
 */
import { createCandor } from '../../src/index.js';

const BASE = '/examples/spa';

/** What each experience of each slot says. `baseline` is the standard version. */
const COPY: Record<string, Record<string, { title: string; body: string; action: string }>> = {
  'spa-hero': {
    baseline: { title: 'Automate the busywork between your tools', body: 'Relay runs the approvals, hand-offs and reminders your operations team does by hand.', action: 'Start a free trial' },
    'spa-hero-health': { title: 'Less paperwork between admissions, billing and care', body: 'Referrals and prior authorizations routed between your EHR and back office, with an audit trail.', action: 'Start a HIPAA-ready trial' },
    'spa-hero-dev': { title: 'Workflows as code, tested locally', body: 'Define workflows in TypeScript, trigger them with webhooks, and run them in CI.', action: 'Get an API key' },
    'spa-hero-returning': { title: 'Welcome back', body: 'Pick up where you left off: your trial workspace is one click away.', action: 'Continue your trial' },
  },
  'spa-plan': {
    baseline: { title: 'Team: $49 per user per month', body: 'Unlimited workflows, SSO and audit export.', action: 'Start a free trial' },
    'spa-plan-enterprise': { title: 'Enterprise: HIPAA BAA included', body: 'Dedicated region, 99.95% SLA and a signed BAA for healthcare teams.', action: 'Talk to sales' },
    'spa-plan-sandbox': { title: 'Sandbox: free for developers', body: '10,000 runs a month and the full API, no credit card.', action: 'Get an API key' },
  },
};

/** The config from the page's JSON block; on a parse error Candor gets `undefined`, reports it once and shows standard content. */
function readConfig(): unknown {
  try {
    return JSON.parse(document.getElementById('candor-config')?.textContent ?? '') as unknown;
  } catch {
    return undefined;
  }
}
const candor = createCandor({ config: readConfig(), sink: '/collect' });

/** A tiny element helper: text only, never HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** A slot rendered with its decision, plus an own-UI "Why am I seeing this?" built from `candor.explain()`. */
function slot(name: string, heading: 'h1' | 'h2'): Node[] {
  const decision = candor.decide(name);
  const copies = COPY[name] ?? {};
  const copy = copies[decision.experience] ?? copies.baseline;
  if (!copy) return [];
  const start = h('button', { type: 'button', class: 'button' }, copy.action);
  start.addEventListener('click', () => {
    candor.track('trial-started');
    navigate(BASE + '/welcome');
  });
  const section = h('section', { class: 'slot', 'data-candor-slot': name, 'data-candor-shown': decision.experience }, h(heading, {}, copy.title), h('p', {}, copy.body), start);
  // What is on screen now, explained (read-only: asking "why" logs and changes nothing). The audience's reason is in
  // the summary already; the controls offered are the ones that make sense now.
  const why = candor.explain(name);
  const details = h('details', {}, h('summary', {}, 'Why am I seeing this?'));
  if (why) {
    details.append(h('p', {}, why.summary));
    details.append(h('p', {}, why.armText));
    if (why.signals.length > 0) details.append(h('ul', {}, ...why.signals.map((s) => h('li', {}, `${s.label}: ${s.value} (${s.tierText})`))));
    details.append(h('p', {}, why.storage));
  }
  const controls: HTMLElement[] = [];
  if (why?.offers.standard || why?.offers.personalize) {
    const standard = h('button', { type: 'button' }, why.offers.personalize ? 'Personalize again' : 'Show me the standard version');
    standard.addEventListener('click', () => {
      if (candor.standard()) candor.personalize();
      else candor.showStandard();
    });
    controls.push(standard);
  }
  if (why?.offers.forget) {
    const forget = h('button', { type: 'button' }, 'Forget what this site remembers');
    forget.addEventListener('click', () => {
      void candor.forget();
    });
    controls.push(forget);
  }
  details.append(...controls);
  return [section, details];
}

/** The views, by path below BASE. */
const ROUTES: Record<string, () => Node[]> = {
  '/': () => [...slot('spa-hero', 'h1'), h('p', {}, 'Relay connects your ERP, ticketing and spreadsheets. Read the docs, then come back home: the headline will talk to developers.')],
  '/pricing': () => [h('h1', {}, 'Pricing'), ...slot('spa-plan', 'h2')],
  '/docs': () => [
    h('h1', {}, 'Docs'),
    h('p', {}, 'Workflows are lists of steps triggered by events. Steps call connectors, wait for people or branch on data.'),
    h('p', {}, 'Reading this page counts one `pages.docs` view in your browser, so the home page now shows the developer headline.'),
  ],
  '/welcome': () => [h('h1', {}, 'Your trial workspace is ready'), h('p', {}, 'This view is a page-view goal (`trial-started`).')],
};

const app = document.getElementById('app');

/** Renders the current route synchronously, decisions included. */
function render(): void {
  if (!app) return;
  const path = location.pathname.slice(BASE.length).replace(/\/$/, '') || '/';
  const view = ROUTES[path] ?? (() => [h('h1', {}, 'Not found'), h('p', {}, 'No such page in this example.')]);
  app.replaceChildren(...view());
  document.title = `Relay app — ${path === '/' ? 'Home' : path.slice(1)}`;
}

/** Client-side navigation: history first, then tell Candor, then render with fresh decisions. */
function navigate(url: string): void {
  history.pushState({}, '', url);
  candor.page();
  render();
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest('a[data-route]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.getAttribute('href') ?? BASE + '/');
});
window.addEventListener('popstate', () => {
  candor.page();
  render();
});
candor.on('change', render);
render();
