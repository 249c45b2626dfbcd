import { showValue } from '../config/show-value.js';
import { OPERAND_KINDS } from './error-messages.js';
import type { ErrorText, Texts } from './error-params.js';

/** How a `{name:format}` placeholder shows its param (a plain `{name}` shows it as text, a list joined with `, `). */
const FORMATS: Readonly<Record<string, (value: never) => string>> = {
  /** The value as JSON, cut at 40 characters. */
  json: showValue,
  /** `"a", "b"`, or `none yet`. */
  names: (names: readonly string[]) => (names.length ? names.map((n) => `"${n}"`).join(', ') : 'none yet'),
  /** The audiences a config defines, or how to define the first. */
  audiences: (names: readonly string[]) => (names.length ? `Defined audiences: ${names.join(', ')}.` : 'No audience is defined yet: add one under "audiences".'),
  /** A name made of its word characters, to suggest instead of a reserved one. */
  id: (name: string) => name.replace(/\W/g, '') || 'main',
  /** A sum of shares, rounded where floating point adds noise (0.30000000000000004 is 0.3). */
  round: (n: number) => String(+n.toFixed(6)),
  /** What an operator takes, in words. */
  operand: (op: string) => OPERAND_KINDS[op] ?? '',
  /** A "did you mean" hint, or the advice to remove the field. */
  remove: (hint: string) => hint || 'Remove it. ',
};

/**
 * The text of one code from its params: fills each `{name}` or `{name:format}` of the code's message and fix with the
 * next param, in the order the names first appear (see src/core/errors/error-messages.ts); a code with several texts takes the
 * name of its text last. Undefined where the table has no text for the code.
 */
export function fillText(texts: Texts | undefined, params: readonly unknown[]): ErrorText | undefined {
  let text = texts;
  if (text && !Array.isArray(text)) text = (text as Record<string, Texts>)[params.at(-1) as string];
  if (!text) return undefined;
  const names: string[] = [];
  const fill = (template: string) =>
    template.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, format?: string) => {
      const at = names.includes(name) ? names.indexOf(name) : names.push(name) - 1;
      const value = params[at];
      return format ? (FORMATS[format] as (value: unknown) => string)(value) : Array.isArray(value) ? value.join(', ') : String(value);
    });
  const [message, fix] = text as readonly [string, string];
  return { message: fill(message), fix: fill(fix) };
}
