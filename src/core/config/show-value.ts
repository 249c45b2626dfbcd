/**
 * A short, readable rendering of a config value for error messages: JSON, cut at 40 characters.
 * Never throws.
 * @example showValue('5%') // '"5%"'
 */
export function showValue(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // BigInt and the like: fall through to the type name.
  }
  if (text === undefined) return `a ${typeof value}`;
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
