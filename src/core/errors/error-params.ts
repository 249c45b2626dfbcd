import type { ERROR_MESSAGES } from './error-messages.js';

/** What a code's params become: what is wrong, and what to do. */
export interface ErrorText {
  message: string;
  fix: string;
}

/** The texts of one code in an error table: a message and a fix, or several of them by name. */
export type Texts = readonly [message: string, fix: string] | Readonly<Record<string, readonly [message: string, fix: string]>>;

/** A param shown as text: a plain `{name}` (a list is joined with `, `). */
type Shown = string | number | readonly string[];
/** The param a `{name:format}` placeholder takes. */
interface Formatted {
  json: unknown;
  names: readonly string[];
  audiences: readonly string[];
  id: string;
  round: number;
  operand: string;
  remove: string;
}

/**
 * The params of a template, in the order their names first appear: `{name}` takes a {@link Shown},
 * `{name:format}` the param its format reads. Braces that do not hold a name (`{ "v": 1 }`) are text.
 */
type Fill<S extends string, Seen extends string = never, Acc extends unknown[] = []> = S extends `${string}{${infer Rest}`
  ? Rest extends `${infer Inner}}${infer After}`
    ? Inner extends `${infer Name}:${infer Format}`
      ? Name extends `${string}${' ' | '"' | '{' | '.'}${string}`
        ? Fill<Rest, Seen, Acc>
        : Name extends Seen
          ? Fill<After, Seen, Acc>
          : Fill<After, Seen | Name, [...Acc, Format extends keyof Formatted ? Formatted[Format] : never]>
      : Inner extends `${string}${' ' | '"' | '{' | '.' | '$'}${string}` | ''
        ? Fill<Rest, Seen, Acc>
        : Inner extends Seen
          ? Fill<After, Seen, Acc>
          : Fill<After, Seen | Inner, [...Acc, Shown]>
    : Acc
  : Acc;

/** The params of one message and fix. */
type ParamsOf<T> = T extends readonly [infer M extends string, infer F extends string] ? Fill<`${M}\n${F}`> : never;

/** The params of each code of a table: a code with several texts takes the name of its text last. */
export type TableParams<Table> = {
  [C in keyof Table]: Table[C] extends readonly [string, string] ? ParamsOf<Table[C]> : { [N in keyof Table[C]]: [...ParamsOf<Table[C][N]>, N] }[keyof Table[C]];
};

/** A code of the core error table (what validation reports). */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The params of each code that validation reports, typed from its texts in src/core/errors/error-messages.ts. */
export type ErrorParams = TableParams<typeof ERROR_MESSAGES>;
