import { closestName } from '../core/config/closest-name.js';

/**
 * Node's `parseArgs` errors, said plainly: which argument, what is wrong and what to do, in one line.
 * @param error what `parseArgs` threw
 * @param options the command's option names (without dashes), for a "did you mean" hint
 * @example argumentProblem(e, ['json', 'html']) // 'unknown option --jsn; did you mean --json?'
 */
export function argumentProblem(error: unknown, options: Iterable<string> = []): string {
  const message = error instanceof Error ? error.message : String(error);
  let m = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (m) {
    const near = closestName(m[2] ?? '', options);
    return `unknown option ${m[1] ?? ''}${m[2] ?? ''}; ${near ? `did you mean --${near}?` : 'the options are listed below.'}`;
  }
  m = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument (?:is ambiguous|missing)/.exec(message);
  if (m) {
    const name = m[1] ?? '';
    return `${name} needs a value. If the value starts with "-", join them: ${name}=-VALUE.`;
  }
  m = /^Option '(?:-\w, )?(--[\w-]+)[^']*' does not take an argument/.exec(message);
  if (m) return `${m[1] ?? ''} takes no value; write it alone.`;
  m = /^Unexpected argument '([^']*)'/.exec(message);
  if (m) return `unexpected argument "${m[1] ?? ''}": this command takes options only.`;
  return message.split('\n')[0] ?? message;
}
