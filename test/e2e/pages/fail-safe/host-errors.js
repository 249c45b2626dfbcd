// @ts-check
/** The host page's own error handlers: whatever reaches them is recorded in window.hostErrors. */
/** @type {string[]} */
const hostErrors = [];
/** @type {any} */ (window).hostErrors = hostErrors;
window.onerror = (message) => {
  hostErrors.push(String(message));
};
addEventListener('unhandledrejection', (event) => {
  hostErrors.push('unhandledrejection: ' + String(event.reason));
});
