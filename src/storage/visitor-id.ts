/**
 * A new visitor id: 128 random bits as 32 hex characters, made locally. Never derived from device traits.
 * @example newVisitorId(crypto) // '3f9c…' (32 characters)
 */
export function newVisitorId(crypto: Pick<Crypto, 'getRandomValues'>): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b | 256).toString(16).slice(1)).join('');
}
