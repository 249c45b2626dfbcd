/**
 * Loads one of Candor's own files from next to the script tag (same origin and path as `candor.min.js`), with its
 * CSP nonce. Resolves when it has run; rejects when it cannot be loaded.
 * @example await loadSiblingScript('candor-widget.min.js', script)
 */
export function loadSiblingScript(file: string, script: HTMLScriptElement | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    tag.src = new URL(file, script?.src ?? location.href).href;
    if (script?.nonce) tag.nonce = script.nonce;
    tag.onload = () => {
      resolve();
    };
    tag.onerror = () => {
      reject(new Error(`${file} failed to load`));
    };
    document.head.appendChild(tag);
  });
}
