import { isRecord } from '../conditions/is-record.js';
import type { GoalConfig } from '../types.js';
import { type Obj, entries, fields, okName, report, str, type Problems } from './config-readers.js';
import { jsonPath } from './json-path.js';

/** The declared keys conditions may read as `declared.<key>`: `declare`, plus `ask.key` when it is usable. */
export function validateDeclare(root: Obj, r: Problems): string[] {
  const declared: string[] = [];
  const d = root.declare;
  if (Array.isArray(d)) {
    d.forEach((key, i) => {
      if (typeof key !== 'string') report(r, 'wrong-type', `declare[${i}]`, key, 'declare-item');
      else if (okName(r, key, `declare[${i}]`, 'declared', '', true) && !declared.includes(key)) declared.push(key);
    });
  } else if (d !== undefined) report(r, 'wrong-type', 'declare', d, 'declare');
  const a = root.ask;
  if (isRecord(a) && typeof a.key === 'string' && a.key && !a.key.includes('.') && !(a.key in {}) && !declared.includes(a.key)) declared.push(a.key);
  return declared;
}

/** The sections conditions may read as `pages.<section>`: names to path prefixes. */
export function validateSections(root: Obj, r: Problems): Record<string, string> {
  const sections: Record<string, string> = {};
  for (const [name, prefix, p] of entries(r, root, '', 'sections', true)) {
    if (typeof prefix !== 'string') report(r, 'wrong-type', p, prefix, name, 'section');
    else if (!prefix.startsWith('/')) report(r, 'invalid-path', p, prefix, name, 'section');
    else sections[name] = prefix;
  }
  return sections;
}

/** The goals reached by a page view: names to `{ path }`. */
export function validateGoals(root: Obj, r: Problems): Record<string, GoalConfig> {
  const goals: Record<string, GoalConfig> = {};
  for (const [name, goal, p] of entries(r, root, '', 'goals', true)) {
    if (!isRecord(goal)) {
      report(r, 'wrong-type', p, goal, 'goal');
      continue;
    }
    fields(r, goal, p, 'goal');
    const path = str(r, goal, 'path', p, true);
    if (path !== undefined && !path.startsWith('/')) report(r, 'invalid-path', jsonPath(p, 'path'), path, 'goal');
    else if (path !== undefined) goals[name] = { path };
  }
  return goals;
}
