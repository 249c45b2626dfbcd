/**
 * The widget's look. Theme it from the page with custom properties (`--candor-bg`, `--candor-fg`, `--candor-accent`,
 * `--candor-radius`, `--candor-font`) and `::part(dialog | title | section | signal | button | close)`.
 * Default colours reach at least 4.5:1 contrast for text in both light and dark schemes.
 */
export const WIDGET_CSS =
  ':host{--b:var(--candor-bg,#fff);--f:var(--candor-fg,#1f1f1f);--a:var(--candor-accent,#0b57d0);--r:var(--candor-radius,8px);font:16px/1.5 var(--candor-font,system-ui,sans-serif)}' +
  '@media(prefers-color-scheme:dark){:host{--b:var(--candor-bg,#1f1f1f);--f:var(--candor-fg,#eee);--a:var(--candor-accent,#a8c7fa)}}' +
  'dialog{background:var(--b);color:var(--f);border:1px solid;border-radius:var(--r);max-width:min(34em,90vw);padding:1em 1.5em;font:inherit}' +
  'dialog::backdrop{background:#0009}' +
  'h2{font-size:1.25em;margin:0 2em .5em 0}h2:focus{outline:0}h3{font-size:1em;margin:1em 0 .25em}p,ul,fieldset{margin:.25em 0}' +
  'ul{padding-left:1.2em}fieldset,legend{border:0;padding:0}label{display:block}input{accent-color:var(--a)}small{opacity:.85}' +
  'button{font:inherit;color:var(--b);background:var(--a);border:1px solid var(--a);border-radius:var(--r);padding:.3em .8em;margin:.25em .5em .25em 0;cursor:pointer}' +
  '[part~=skip]{color:inherit;background:none}[part~=close]{position:absolute;top:.5em;right:.5em;color:var(--f);background:none;border:0;font-size:1.25em;line-height:1}' +
  'a{color:var(--a)}:focus-visible{outline:3px solid var(--a);outline-offset:2px}' +
  '@media(prefers-reduced-motion:no-preference){dialog[open]{animation:c .15s ease-out}}@keyframes c{from{opacity:0;transform:translateY(.5em)}}';

let sheet: CSSStyleSheet | null | undefined;

/**
 * Adopts the widget's stylesheet into a shadow root through a constructable stylesheet, which a strict
 * `style-src 'self'` allows. Where constructable stylesheets are missing the widget stays unstyled: an inline
 * `<style>` would be blocked by a strict CSP.
 */
export function adoptStyles(root: ShadowRoot): void {
  try {
    if (sheet === undefined) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
    }
    if (sheet) root.adoptedStyleSheets = [sheet];
  } catch {
    sheet = null;
  }
}
