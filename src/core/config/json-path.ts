/**
 * Extends a JSON path by a key or index, the way config errors name places:
 * `slots.hero.experiences[1].audience`, and `when["utm.campaign"]` for keys that are not plain names.
 * @example jsonPath('slots', 'hero') // 'slots.hero'
 */
export function jsonPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (!/^[\w$-]+$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}
