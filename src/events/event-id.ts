/**
 * A new random event id: 128 bits as 32 lowercase hex characters. Collectors de-duplicate on it.
 * Uses `crypto.getRandomValues`, which (unlike `randomUUID`) also works on plain-http pages.
 * @param crypto the Web Crypto object (`window.crypto`)
 * @example newEventId(window.crypto) // '3f9c…' (32 hex characters)
 */
export function newEventId(crypto: Pick<Crypto, 'getRandomValues'>): string {
  let id = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) id += (byte + 256).toString(16).slice(1);
  return id;
}
