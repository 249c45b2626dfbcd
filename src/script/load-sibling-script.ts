interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

let policy: ScriptUrlPolicy | null | undefined;

/**
 * The sibling's URL as the page's Trusted Types want it: through Candor's own policy, named `candor` (created once per
 * page and kept private, so no other code can use it), where the browser has Trusted Types, else the plain string.
 * Creating the policy fails where the page's `trusted-types` directive does not list `candor`; the plain string is then
 * used, which works unless the page also requires Trusted Types for scripts.
 */
function scriptUrl(url: string): string {
  if (policy === undefined) {
    try {
      const trustedTypes = (window as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy } }).trustedTypes;
      policy = trustedTypes?.createPolicy('candor', { createScriptURL: (u) => u }) ?? null;
    } catch {
      policy = null;
    }
  }
  return (policy ? policy.createScriptURL(url) : url) as string;
}

/**
 * Whether {@link loadSiblingScript} failed because the page's Trusted Types refused the script (the page requires
 * them for scripts and its `trusted-types` directive does not allow `candor`), rather than because the file is missing:
 * only the refused assignment rejects with a `TypeError`.
 * @example loadSiblingScript(file, script).catch((e) => reportError(blockedByTrustedTypes(e) ? 'trusted-types' : 'runtime-load', …))
 */
export const blockedByTrustedTypes = (error: unknown): boolean => error instanceof TypeError;

/**
 * Loads one of Candor's own files from next to the script tag (same origin and path as `candor.min.js`), with its
 * CSP nonce and, under Trusted Types, through the `candor` policy. Resolves when it has run; rejects when it cannot be
 * loaded (see {@link blockedByTrustedTypes}).
 * @example await loadSiblingScript('candor-widget.min.js', script)
 */
export function loadSiblingScript(file: string, script: HTMLScriptElement | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const tag = document.createElement('script');
    // Under Trusted Types that refuse the URL, this assignment throws the TypeError the promise rejects with.
    tag.src = scriptUrl(new URL(file, script?.src ?? location.href).href);
    if (script?.nonce) tag.nonce = script.nonce;
    tag.onload = () => {
      resolve();
    };
    tag.onerror = () => {
      reject(new Error(file));
    };
    document.head.appendChild(tag);
  });
}
