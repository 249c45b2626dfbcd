import { showValue } from '../config/show-value.js';
import { TEXT_WORDS } from './error-messages.js';
import type { ErrorText, Texts } from './error-params.js';

/**
 * How a `{name:format}` placeholder shows its param. Any other format looks the param up in its record of
 * {@link TEXT_WORDS} (a plain `{name}` shows it as text, a list joined with `, `).
 */
const FORMATS: Readonly<Record<string, (value: never) => string>> = {
  /** The value as JSON, cut at 40 characters. */
  json: showValue,
  /** A thrown value, as `String()` shows it (an Error as `Error: <message>`). */
  error: String,
  /** `"a", "b"`, or `none yet`. */
  names: (names: readonly string[]) => (names.length ? names.map((n) => `"${n}"`).join(', ') : 'none yet'),
  /** The audiences a config defines, or how to define the first; nothing when not given. */
  audiences: (names?: readonly string[]) =>
    names ? (names.length ? `Defined audiences: ${names.join(', ')}.` : 'No audience is defined yet: add one under "audiences".') : '',
  /** A name made of its word characters, to suggest instead of a reserved one. */
  id: (name: string) => name.replace(/\W/g, '') || 'main',
  /** A sum of shares, rounded where floating point adds noise (0.30000000000000004 is 0.3). */
  round: (n: number) => String(+n.toFixed(6)),
  /** A "did you mean" hint, or the advice to remove the field. */
  remove: (hint: string) => hint || 'Remove it. ',
};

/**
 * The text of one code from its params: the code's texts are `table[code]`, or `table[code + ':' + last param]` for a
 * code with several texts; each `{name}` or `{name:format}` of its message and fix takes the next param, in the order
 * the names first appear (see src/core/errors/error-messages.ts). Undefined where the table has no such text.
 */
export function fillText(table: Readonly<Record<string, Texts>>, code: string, params: readonly unknown[]): ErrorText | undefined {
  const text = table[code] ?? table[`${code}:${String(params.at(-1))}`];
  if (!text) return undefined;
  const names: string[] = [];
  const fill = (template: string) =>
    template.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, format?: string) => {
      const at = names.includes(name) ? names.indexOf(name) : names.push(name) - 1;
      const value = params[at];
      if (!format) return Array.isArray(value) ? value.join(', ') : String(value);
      const show = FORMATS[format] as ((value: unknown) => string) | undefined;
      return show ? show(value) : (TEXT_WORDS[format]?.[String(value)] ?? '');
    });
  return { message: fill(text[0]), fix: fill(text[1]) };
}
