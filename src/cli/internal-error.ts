/**
 * The line `candor` prints for an error no command foresaw, a bug in Candor: the message only, since a stack trace
 * helps nobody who did not write the code; with `CANDOR_DEBUG=1` the stack trace too, to attach to a bug report.
 * @param error what was thrown
 * @param debug whether CANDOR_DEBUG=1 is set
 * @example process.stderr.write(internalErrorLine(error, process.env.CANDOR_DEBUG === '1'))
 */
export function internalErrorLine(error: unknown, debug: boolean): string {
  const what = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  return `candor: internal error, a bug in Candor (please report it with the command you ran${debug ? '' : '; CANDOR_DEBUG=1 prints the stack trace'}): ${what}\n`;
}
