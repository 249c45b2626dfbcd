// @ts-check
/** A hostile global config: reading it throws. Candor must catch it and show the standard page. */
Object.defineProperty(window, 'candorConfig', {
  configurable: true,
  get() {
    throw new Error('hostile candorConfig getter');
  },
});
