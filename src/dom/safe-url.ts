/**
 * True when `value` is an http(s) URL, absolute or relative to `base`. Parsing follows the browser's own URL
 * parser, so tricks such as `java\tscript:` or leading spaces resolve exactly as the browser would resolve them.
 * @example safeUrl('/pricing', 'https://example.com/') // true
 * @example safeUrl('javascript:alert(1)', 'https://example.com/') // false
 */
export function safeUrl(value: string, base: string): boolean {
  try {
    const protocol = new URL(value, base).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
