/** Attributes (strings; `true` sets an empty attribute, `false`/undefined skips) and `on<event>` listeners. */
export type Props = Record<string, string | boolean | undefined | ((event: Event) => void)>;

/** A child: a node, or a string appended as text (never parsed as HTML); falsy values are skipped. */
export type Child = Node | string | false | null | undefined;

/**
 * Creates an element with attributes, listeners and children, as text only: there is no way to pass HTML.
 * @example h('button', { type: 'button', onclick: close }, 'Close')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== false) el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}
