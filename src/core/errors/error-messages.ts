import { OPERATORS, TYPES } from '../config/condition-operators.js';
import { MAX_REASON, SAFE_ATTRS } from '../config/config-fields.js';

const FIX_SHARE = 'Write shares as decimals from 0 to 1: 0.1 means 10%.';
const FIX_TIER = 'Use "low" (this visit only), "relationship" (remembered on this site or told to us) or "high" (inferred from behaviour).';
const FIX_OPERAND = 'See the operator table in docs/config.md#conditions.';
const FIX_REASON = 'Add "reason": "You came here from our healthcare campaign." (plain text, shown as written).';
const FIX_RESERVED = 'Choose another name, such as "{name:id}-1".';
const FIX_FORMAT = 'See docs/config.md for its format.';
const FIX_ROLE = 'Use a plain name like "role".';
const NOT_JSON = ', so it cannot be read as JSON.';
const FIX_JSON = 'Pass plain JSON data: objects, arrays, strings, numbers, true/false and null.';
const DOT = ': a dot would make signal names ambiguous';
const EXPERIENCES = '[{ "id": "hero-dev", "audience": "developers" }]';
const OPTIONS = [
  '"options" must be a non-empty list of answers, not {value:json}.',
  'Write "options": ["developer", ["manager", "I manage a team"]] (a value, or [value, label]).',
] as const;
const NOT_URL = '{url:json} is neither an http(s) nor a relative URL.';
const SHARE_RANGE = '"{key}" is {value}, outside 0 to 1.';

/**
 * The message and fix of every code that validation reports, as template strings: the one place their text is
 * written (docs/errors.md explains each code; a test keeps the two in step). Read it through {@link errorText}.
 *
 * A key is a code, or `code:text` for a code with several texts: then the name of the text is the last param.
 * A `{name}` placeholder takes the next param (in the order placeholders first appear, message then fix; a name seen
 * before takes the same param again) as text, a list joined with `, `; `{name:format}` shows it through one of the
 * formats of fill-text.ts. The params of each code are typed from its texts ({@link ErrorParams}).
 *
 * The browser's console notices have their own table (src/util/runtime-messages.ts). The script tag's builds load
 * {@link errorText} as a lookup that finds nothing (rollup.config.ts), so they ship neither table nor any text:
 * their lines carry code and path, and docs/errors.md and `npx candor check` give the rest.
 */
export const ERROR_MESSAGES = /* @__PURE__ */ (() =>
  ({
    'not-json:cycle': [`This value contains itself (a cycle)${NOT_JSON}`, FIX_JSON],
    'not-json:deep': [`This value is nested more than 64 levels deep${NOT_JSON}`, FIX_JSON],
    'not-json:kind': [`This value is a {kind}${NOT_JSON}`, FIX_JSON],
    'not-json:proxy': [`This value could not be read (a proxy threw)${NOT_JSON}`, FIX_JSON],
    'not-json:getter': [`This value could not be read (its getter threw)${NOT_JSON}`, FIX_JSON],
    'not-json:too-many': ['The config has more than 100,000 values, more than Candor reads.', 'Keep the config small: a few hundred values is typical.'],
    'not-an-object': [
      'The config must be a JSON object, not {value:json}.',
      'Start from the example in docs/config.md: { "v": 1, "version": "...", "salt": "...", "audiences": {}, "slots": {} }.',
    ],
    'unsupported-version': ['"v" is {value:json}, but this Candor reads config format 1 only.', 'Set "v": 1, and check the config was written for this version of Candor.'],
    'missing-field:v': ['"v" (the config format) is missing.', 'Add "v": 1.'],
    'missing-field:string': ['"{key}" is missing.', '{key:fix}{defined:audiences}'],
    'missing-field:audiences': ['"audiences" is missing, so nothing can be targeted.', 'Add "audiences": { "name": { "when": { ... }, "reason": "..." } }.'],
    'missing-field:when': ['The audience has no rule ("when").', 'Add "when": a condition such as { "utm.campaign": { "$regex": "^health" } }; {} matches everyone.'],
    'missing-field:slots': ['"slots" is missing, so nothing is personalized.', 'Add "slots": { "hero": { "experiences": [ ... ] } }, matching data-candor-slot="hero" in the page.'],
    'missing-field:experiences': ['The slot has no "experiences".', `Add "experiences": ${EXPERIENCES} (the first matching one is shown).`],
    'missing-field:options': OPTIONS,
    'wrong-type:string': ['"{key}" must be a non-empty string, not {value:json}.', '{key:fix}{defined:audiences}'],
    'wrong-type:share': ['"{key}" must be a number from 0 to 1, not {value:json}.', FIX_SHARE],
    'wrong-type:boolean': ['"{key}" must be true or false, not {value:json}.', 'Write "{key}": true or leave it out.'],
    'wrong-type:entries': ['"{key}" must be an object of {key:entries}, not {value:json}.', FIX_FORMAT],
    'wrong-type:consent': ['"consent" must be an object like { "default": "relationship", "withGpc": "low" }, not {value:json}; "low" is used until this is fixed.', FIX_TIER],
    'wrong-type:declare': ['"declare" must be a list of keys, not {value:json}.', 'Write "declare": ["companySize", "role"].'],
    'wrong-type:declare-item': ['A declared key must be a string, not {value:json}.', 'List keys like "companySize"; they become declared.companySize.'],
    'wrong-type:section': ['A section maps to a path prefix string, not {value:json}.', 'Write "{name}": "/{name}".'],
    'wrong-type:goal': ['A goal must be an object like { "path": "/thanks" }, not {value:json}.', 'Goals reached by clicks or track() need no entry here.'],
    'wrong-type:audience': [
      'An audience must be an object with "when" and "reason", not {value:json}.',
      'Write { "when": { "utm.campaign": "spring" }, "reason": "You came here from our spring campaign." }.',
    ],
    'wrong-type:reason': [
      '"reason" must be a sentence (a string), or an object of languages to sentences, not {value:json}.',
      'Write "reason": "You came here from our healthcare campaign." or { "en": "…", "de": "…" }.',
    ],
    'wrong-type:change': ['A change must be an object like { "selector": "h1", "text": "..." }, not {value:json}.', 'See "changes" in docs/config.md.'],
    'wrong-type:text': ['"text" must be a string, not {value:json}.', 'Write the new text; it is set as text, never as HTML.'],
    'wrong-type:attr': ['An attribute value must be a string, not {value:json}.', 'Write "{name}": "...".'],
    'wrong-type:attrs': ['"attrs" must be an object of attribute names to values, not {value:json}.', 'Write "attrs": { "href": "/pricing" }.'],
    'wrong-type:experience': ['An experience must be an object like { "id": "hero-dev", "audience": "developers" }, not {value:json}.', 'See "experiences" in docs/config.md.'],
    'wrong-type:changes': ['"changes" must be a list of changes, not {value:json}.', 'Write "changes": [{ "selector": "h1", "text": "..." }].'],
    'wrong-type:slot': ['A slot must be an object with "experiences", not {value:json}.', `Write { "experiences": ${EXPERIENCES} }.`],
    'wrong-type:experiences': ['"experiences" must be a list, not {value:json}.', `Write "experiences": ${EXPERIENCES}.`],
    'wrong-type:segment': ['A segment maps an answer to a list of audience ids, not {value:json}.', 'Write "{answer}": ["audience-id"].'],
    'wrong-type:ask': ['"ask" must be an object, not {value:json}.', 'See "ask" in docs/config.md.'],
    'unknown-field': ['"{key}" is not a field of {part:noun}.', '{hint:remove}Fields of {part:noun}: {fields}.'],
    'reserved-id:baseline': ['"{name}" is the id of every slot\'s standard content.', 'Choose another id, like "hero-dev".'],
    'reserved-id:entry': ['{name:json} cannot be used as a name in "{key}".', FIX_RESERVED],
    'reserved-id:entry-dot': [`{name:json} cannot be used as a name in "{key}"${DOT}.`, FIX_RESERVED],
    'reserved-id:declared': ['{name:json} cannot be used as a declared key.', FIX_RESERVED],
    'reserved-id:declared-dot': [`{name:json} cannot be used as a declared key${DOT}.`, FIX_RESERVED],
    'reserved-id:experience': ['{name:json} cannot be used as an experience id.', FIX_RESERVED],
    'missing-reason:one': ['The audience has no "reason", the sentence visitors see when it chooses what they get.', FIX_REASON],
    'missing-reason:language': ['The audience has no "reason" in "{language}", the sentence visitors see when it chooses what they get.', FIX_REASON],
    'reason-too-long': [`The reason has {length} characters; visitors read at most ${MAX_REASON}.`, 'Say it in one short sentence, like "You came here from our healthcare campaign."'],
    'invalid-language': ['{language:json} is not a language tag.', 'Use tags as in <html lang>: "en", "de", "pt-BR".'],
    'invalid-tier:consent': ['"{key}" is {value:json}, not a tier; "low" is used until this is fixed.', FIX_TIER],
    'invalid-tier:tier': ['"tier" is {value:json}, not a tier.', FIX_TIER],
    'tier-too-loose:consent': [
      '"withGpc" ("{withGpc}") is looser than "default" ("{cap}"), but Global Privacy Control may only lower the cap.',
      'Set "withGpc" to "{cap}" or lower; until then "{cap}" is used.',
    ],
    'tier-too-loose:audience': ['"tier" is "{declared}", but the rule reads "{read}" signals ({signals}).', 'Set "tier": "{read}" or stricter, or leave it out: Candor computes it.'],
    'share-out-of-range:share': [SHARE_RANGE, FIX_SHARE],
    'share-out-of-range:percent': [SHARE_RANGE, 'Write {decimal} for {value}%.'],
    'shares-too-large': ['"control" ({control}) plus "explore" ({explore}) is {sum:round}, leaving no visitor to target.', 'Keep control + explore below 1; 0.1 each is typical.'],
    'explore-not-shared': [
      '"explore" is {explore} here but {shared} in slot "{slot}": exploration is drawn once per visitor for every slot that is not "independent", so they share one share.',
      'Give every slot the same "explore" ({shared}), or set "independent": true on a slot that needs its own.',
    ],
    'unknown-audience': ['There is no audience "{name}".', '{hint}{defined:audiences}'],
    'invalid-audience': ['The audience "{name}" has errors (see audiences.{name}), so this experience is dropped.', 'Fix audiences.{name}.'],
    'shadow-audience': ['"{name}" is a shadow audience: it is evaluated and logged but never delivers.', 'Target a delivering audience, or remove "shadow" from audiences.{name}.'],
    'duplicate-experience-id': [
      '"{id}" is already the id of {first}; this one is dropped.',
      'Give every experience its own id: ids are unique across all slots, because events and reports count by id.',
    ],
    'eligible-tier-too-high': [
      '"eligible" reads {signals}, beyond this visit\'s signals.',
      'Use only low-tier signals (URL, campaign, referrer, language, device, time) in "eligible"; target with audiences instead.',
    ],
    'unsafe-change': ['Candor does not set the attribute "{name}" from config.', `Use ${SAFE_ATTRS.join(', ')}; for anything else put the markup in a <template> and use "template".`],
    'unsafe-url:attr': [NOT_URL, 'Use a URL starting with https://, http:// or /, or a relative path.'],
    'unsafe-url:privacyUrl': [NOT_URL, 'Use a URL starting with https://, http:// or /.'],
    'invalid-change': ['This change does nothing: it has no "text", "attrs" or "template".', 'Add one of them, or remove the change.'],
    'invalid-path:section': ['The path prefix {path:json} does not start with "/".', 'Write a path on this site, like "/{name}".'],
    'invalid-path:goal': ['The path {path:json} does not start with "/".', 'Write a path on this site, like "/thanks".'],
    'invalid-ask:options': OPTIONS,
    'invalid-ask:key': ['{key:json} cannot be a declared key.', FIX_ROLE],
    'invalid-ask:key-dot': ['{key:json} cannot be a declared key (it contains a dot).', FIX_ROLE],
    'invalid-ask:option': ['An option must be a string or a [value, label] pair of strings, not {value:json}.', 'Write "developer" or ["developer", "I write code"].'],
    'invalid-ask:duplicate': ['The answer "{answer}" is offered twice.', 'List each answer once.'],
    'invalid-ask:answer': ['"{answer}" is not one of the answers in "options".', 'Use an answer from "options": {answers}.'],
    'unknown-operator': ['"{op}" is not an operator Candor knows.', `{hint}Operators: ${OPERATORS.join(' ')}.`],
    'invalid-condition:not-object': ['A condition must be an object like { "utm.campaign": "spring" }, not {value:json}.', FIX_OPERAND],
    'invalid-condition:signal-value': ['A signal is compared with a string, number, true/false, null or a list, not {value:json}.', FIX_OPERAND],
    'invalid-condition:top-level': ['{op} compares one signal, so it goes under a signal name.', 'Write { "utm.campaign": { "{op}": ... } }; only $and, $or and $nor go at the top.'],
    'invalid-condition:logic-list': ['{op} takes a non-empty list of conditions, not {value:json}.', 'Write { "{op}": [{ ... }, { ... }] }.'],
    'invalid-condition:empty': ['An empty object compares with nothing and never matches.', 'Use an operator, like { "$exists": true }, or a plain value.'],
    'invalid-condition:operand': ['{op} takes {op:operand}, not {value:json}.', FIX_OPERAND],
    'invalid-condition:regex-type': ['$regex takes the pattern as a string, not {value:json}.', 'Write the pattern without slashes: { "$regex": "^health", "$options": "i" }.'],
    'invalid-condition:options-alone': ['$options only goes with $regex.', 'Add a "$regex" next to it, or remove "$options".'],
    'invalid-condition:not-operators': ['{op} takes operators, like { "{op}": { "$regex": "^en" } }, not {value:json}.', FIX_OPERAND],
    'invalid-condition:nested-logic': ['{op} combines whole conditions, so it cannot go under a signal name.', 'Move it to the top: { "{op}": [{ "signal": ... }, { ... }] }.'],
    'invalid-condition:object-value': ['Signals never hold objects, so "{op}" cannot be matched here.', 'Compare with an operator, like { "$eq": "value" }, or a plain value.'],
    'invalid-regex:options': ['$options must be letters among i, m, s, u, not {flags:json}.', 'Use "i" for case-insensitive, "m" for multi-line, "s" for dot-all, "u" for Unicode.'],
    'invalid-regex:pattern': [
      'The pattern {pattern:json} does not compile: {error}.',
      'Fix the pattern (JavaScript syntax; escape a literal "." or "?" with a double backslash in JSON).',
    ],
    'unknown-section': [
      '"{name}" counts pages in the section "{section}", but "sections" does not define it.',
      'Add "{section}": "/{section}" (the path prefix of its pages) to "sections" (defined: {sections:names}).',
    ],
    'undeclared-attribute': ['"{name}" reads the declared attribute "{key}", but "declare" does not list it.', 'Add "{key}" to "declare" (listed: {declared:names}).'],
    'unknown-signal': [
      '"{name}" is not a signal Candor reads.',
      '{hint}Use a name from the signal list in docs/config.md#signals (families: query.<name>, pages.<section>, declared.<key>, goals.<goal>, interest.<topic>).',
    ],
    'internal-error': ['Candor could not validate this config ({detail}).', 'Please report this bug with the config; until then the standard page is shown.'],
  }) as const)();

/**
 * The words a `{name:format}` placeholder of the texts above looks up by its param, one record per format: how an
 * error names each part of a config (`noun`), the fix of each string field (`fix`), what each field read as named
 * entries holds (`entries`) and what each field operator takes (`operand`).
 */
export const TEXT_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = /* @__PURE__ */ (() => {
  const value = 'a string, number, true/false, null or a list of strings';
  const values = 'a list of values, like ["a", "b"]';
  const ordered = 'a number or a string';
  return {
    noun: {
      config: 'the config',
      consent: '"consent"',
      audience: 'an audience',
      slot: 'a slot',
      experience: 'an experience',
      change: 'a change',
      goal: 'a goal',
      ask: '"ask"',
    },
    fix: {
      version: 'Add "version": "2026-11-22.1" and change it whenever the config changes: a new version re-decides every visitor.',
      salt: 'Add "salt": "<site>-<period>" (like "acme-q4"); change it only to start a new analysis period with a fresh holdout.',
      path: 'Add "path": "/thanks": a page view whose path starts with it reaches the goal.',
      label: 'Write a short name for reports, like "Healthcare leads", or leave it out.',
      selector: 'Add "selector": a CSS selector resolved inside the slot element, like "h1".',
      template: 'Write the id of a <template> in the page, like "hero-dev".',
      id: 'Add "id": a name unique across all slots, like "hero-dev"; it is also the template name.',
      audience: 'Add "audience": the audience this experience is for. ',
      key: 'Add "key": the declared attribute the answer sets, like "role" (becomes declared.role).',
      question: 'Add "question": what visitors are asked, like "Which best describes you?".',
      privacyUrl: 'Write the address of your privacy notice, like "/privacy".',
    },
    entries: {
      sections: 'section names to path prefixes',
      goals: 'goal names to { "path": ... }',
      audiences: 'audience names to audiences',
      slots: 'slot names to slots',
      segments: 'answers to audience lists',
    },
    operand: {
      $eq: value,
      $ne: value,
      $in: values,
      $nin: values,
      $all: 'a non-empty list of values, like ["en", "de"]',
      $gt: ordered,
      $gte: ordered,
      $lt: ordered,
      $lte: ordered,
      $exists: 'true or false',
      $size: 'a whole number, 0 or more',
      $type: `one of ${TYPES.join(', ')} (or a list of them)`,
    },
  };
})();
