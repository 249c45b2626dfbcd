// @ts-check
/**
 * A stand-in for the loader on the widget test page: `window.candor.widget` implements WidgetHost from hand-made
 * explanations and records every call in `window.candorCalls`; a delegated click handler injects
 * /dist/candor-widget.min.js on first use, as the real loader does, then calls `candorWidget.open`.
 * `?ask` makes the visitor eligible for the self-identification prompt (and loads the widget at once).
 */
(() => {
  const params = new URLSearchParams(location.search);
  /** @type {unknown[][]} */
  const calls = [];
  const w = /** @type {any} */ (window);
  w.candorCalls = calls;
  let standard = false;
  /** @type {'low' | 'relationship' | 'high'} */
  let tier = 'relationship';
  const storage = 'The signals are stored in this browser only (keys starting with candor:) and never sent anywhere; Safari may delete them after 7 days.';
  const sent = "This site's analytics receives which version you saw and which audiences matched, not the signals themselves.";
  /** @param {string} slot */
  const explain = (slot) =>
    standard
      ? { slot, experience: 'baseline', arm: 'targeted', reason: 'show-standard', summary: 'You see the standard version because you asked for it.', armText: 'You chose the standard version of this site.', signals: [], storage, sent, controls: [], offers: { standard: false, personalize: true, forget: true } }
      : slot === 'hero'
        ? {
            slot, experience: 'hero-health', arm: 'targeted', reason: 'audience-match',
            summary: 'You see a version this site chose for visitors like you. You came here from our healthcare campaign.',
            audienceReason: 'You came here from our healthcare campaign.',
            armText: 'The site chose this version for visitors from its healthcare campaign.',
            signals: [
              { name: 'utm.campaign', label: 'Campaign you arrived from', value: 'health-k8s-costs', tier: 'low', tierText: 'this visit only' },
              { name: 'visits', label: 'Visits to this site', value: '3', tier: 'relationship', tierText: 'remembered on this site' },
            ],
            storage, sent, controls: [], offers: { standard: true, personalize: false, forget: true },
          }
        : { slot, experience: 'baseline', arm: 'explore', reason: 'explore-pick', summary: 'This version was picked at random.', armText: 'This version was picked at random to learn what works.', signals: [], storage, sent, controls: [], offers: { standard: true, personalize: false, forget: true } };
  const host = {
    /** @param {string} slot */
    explain: (slot) => (calls.push(['explain', slot]), explain(slot)),
    showStandard: () => { calls.push(['showStandard']); standard = true; },
    personalize: () => { calls.push(['personalize']); standard = false; },
    standard: () => standard,
    forget: () => { calls.push(['forget']); standard = false; return Promise.resolve(); },
    consent: () => ({ tier, gpc: params.has('gpc') }),
    /** @param {'low' | 'relationship' | 'high'} t */
    setConsent: (t) => { calls.push(['setConsent', t]); tier = t; },
    options: () => ({
      consentChoices: true,
      privacyUrl: '/privacy',
      ask: { key: 'role', question: 'Which best describes you?', options: [['dev', 'Developer'], ['mgr', 'Manager'], ['other', 'Something else']], share: 0.02 },
    }),
    /** @param {string} kind @param {string} [slot] */
    trust: (kind, slot) => { calls.push(['trust', kind, slot]); },
    askEligible: () => params.has('ask'),
    /** @param {string | null} value */
    answerAsk: (value) => { calls.push(['answerAsk', value]); },
  };
  w.candor = { widget: host };

  /** @type {Promise<void> | undefined} */
  let loading;
  const load = () =>
    (loading ??= new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/dist/candor-widget.min.js';
      script.onload = () => { resolve(); };
      script.onerror = reject;
      document.head.append(script);
    }));
  document.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target);
    const control = target.closest('[data-candor-why], candor-why[for] *, candor-why[for]');
    if (!control) return;
    const slot = control.getAttribute('data-candor-why') ?? control.closest('candor-why')?.getAttribute('for');
    if (!slot) return;
    const trigger = /** @type {HTMLElement} */ (control.closest('button, a') ?? control);
    void load().then(() => w.candorWidget.open(slot, trigger));
  });
  if (params.has('ask')) void load();
})();
