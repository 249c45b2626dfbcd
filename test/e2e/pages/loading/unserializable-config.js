// @ts-check
/**
 * A `window.candorConfig` that JSON cannot express (`?kind=cycle`: a value that contains itself; `?kind=getter`: a
 * getter that throws), set by an earlier script. The problem sits where the first pass does not look (it only reads
 * what deciding needs), so it personalizes; the runtime's validation finds the problem.
 */
/** @type {any} */
const config = {
  v: 1, version: 'unserializable-1', salt: 't', holdout: 0,
  consent: { default: 'relationship', withGpc: 'low' },
  audiences: { healthcare: { when: { 'utm.campaign': { $regex: '^health' } }, reason: 'You came from our healthcare campaign.' } },
  slots: { hero: { control: 0, explore: 0, experiences: [{ id: 'hero-health', audience: 'healthcare' }] } },
};
if (new URLSearchParams(location.search).get('kind') === 'getter') {
  Object.defineProperty(config, 'notes', {
    enumerable: true,
    get() {
      throw new Error('hostile notes getter');
    },
  });
} else {
  config.slots.hero.experiences[0].self = config.slots.hero.experiences[0];
}
/** @type {any} */ (window).candorConfig = config;
