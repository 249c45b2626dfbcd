// @ts-check
/** Simulates a browser where every storage API throws (privacy settings, enterprise policy). */
for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() {
      throw new DOMException(`${name} is disabled by this test`, 'SecurityError');
    },
  });
}
Object.defineProperty(Document.prototype, 'cookie', {
  configurable: true,
  get() {
    throw new DOMException('cookies are disabled by this test', 'SecurityError');
  },
  set() {
    throw new DOMException('cookies are disabled by this test', 'SecurityError');
  },
});
