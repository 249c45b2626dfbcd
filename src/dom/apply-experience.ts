import { BASELINE, type ChangeConfig, type ExperienceConfig } from '../core/types.js';
import { safeUrl } from './safe-url.js';

/** Set on every decided slot to the experience id it shows (`baseline` for the standard content). */
export const SHOWN_ATTR = 'data-candor-shown';
const EXPERIENCE_ATTR = 'data-candor-experience';
const STANDARD_ATTR = 'data-candor-standard';
/** Attributes a config change may set. `href` and `src` must also pass {@link safeUrl}. */
const SAFE_ATTRS = ['href', 'src', 'alt', 'class', 'title', 'aria-label'];

const isTemplate = (node: Node, attr: string): node is HTMLTemplateElement =>
  node.nodeName === 'TEMPLATE' && (node as Element).hasAttribute(attr);

/** The slot's `<template data-candor-experience="id">` child, if any. */
function experienceTemplate(slot: HTMLElement, id: string): HTMLTemplateElement | undefined {
  for (const child of Array.from(slot.children)) {
    if (isTemplate(child, EXPERIENCE_ATTR) && child.getAttribute(EXPERIENCE_ATTR) === id) return child;
  }
  return undefined;
}

/** Applies one config change inside the slot; false when it cannot be applied exactly as written. */
function applyChange(slot: HTMLElement, change: ChangeConfig): boolean {
  const targets = slot.querySelectorAll(change.selector);
  if (targets.length === 0) return false;
  const doc = slot.ownerDocument;
  const attrs = Object.entries(change.attrs ?? {});
  for (const [name, value] of attrs) {
    if (typeof value !== 'string' || !SAFE_ATTRS.includes(name)) return false;
    if ((name === 'href' || name === 'src') && !safeUrl(value, doc.baseURI)) return false;
  }
  let template: HTMLTemplateElement | undefined;
  if (change.template !== undefined) {
    const found = doc.getElementById(change.template);
    if (found?.nodeName !== 'TEMPLATE') return false;
    template = found as HTMLTemplateElement;
  }
  for (const target of Array.from(targets)) {
    if (template) target.replaceChildren(doc.importNode(template.content, true));
    if (typeof change.text === 'string') target.textContent = change.text;
    for (const [name, value] of attrs) target.setAttribute(name, value);
  }
  return true;
}

/**
 * Puts the slot's standard content back (undoing {@link applyExperience}) and marks it `data-candor-shown="baseline"`.
 * Works without a reload: the standard nodes were kept inert in a `<template data-candor-standard>` inside the slot.
 * Never throws.
 */
export function restoreStandard(slot: HTMLElement): void {
  try {
    const stash = Array.from(slot.childNodes).find((n): n is HTMLTemplateElement => isTemplate(n, STANDARD_ATTR));
    if (stash) {
      for (const node of Array.from(slot.childNodes)) {
        if (!isTemplate(node, EXPERIENCE_ATTR) && node !== stash) node.remove();
      }
      stash.replaceWith(stash.content);
    }
    slot.setAttribute(SHOWN_ATTR, BASELINE);
  } catch {
    // A slot we cannot restore keeps whatever it shows; the page stays usable.
  }
}

/**
 * Shows one experience in a slot, before paint when called from a parser-time MutationObserver callback.
 *
 * The experience comes from the slot's inert `<template data-candor-experience="id">` (its content replaces the
 * standard content) and/or from the config's `changes` (text via textContent; attributes from a safe list; HTML only
 * as a clone of a `<template id>` already in the page). Nothing from config is parsed as HTML. The standard nodes are
 * kept inert inside the slot so {@link restoreStandard} can bring them back. All changes apply or none do.
 *
 * Idempotent: a slot already showing `experienceId` is left alone.
 * @param experience the experience's config (for `changes`); undefined when it has none or for the baseline
 * @param experienceId the decided experience; `baseline` shows the standard content
 * @returns true when the slot now shows `experienceId`; false when it could not (it then shows the standard content)
 * @example applyExperience(document.querySelector('[data-candor-slot="hero"]'), undefined, 'hero-health')
 */
export function applyExperience(slot: HTMLElement, experience: ExperienceConfig | undefined, experienceId: string): boolean {
  try {
    if (slot.getAttribute(SHOWN_ATTR) === experienceId) return true;
    restoreStandard(slot);
    if (experienceId === BASELINE) return true;
    const template = experienceTemplate(slot, experienceId);
    const changes = experience?.changes ?? [];
    if (!template && changes.length === 0) return false;
    const doc = slot.ownerDocument;
    const standard = Array.from(slot.childNodes).filter((n) => !isTemplate(n, EXPERIENCE_ATTR));
    const stash = doc.createElement('template');
    stash.setAttribute(STANDARD_ATTR, '');
    slot.insertBefore(stash, standard[0] ?? slot.firstChild);
    const shown = doc.createDocumentFragment();
    for (const node of standard) {
      if (!template) shown.append(node.cloneNode(true));
      stash.content.append(node);
    }
    if (template) shown.append(doc.importNode(template.content, true));
    stash.after(shown);
    if (!changes.every((change) => applyChange(slot, change))) {
      restoreStandard(slot);
      return false;
    }
    slot.setAttribute(SHOWN_ATTR, experienceId);
    return true;
  } catch {
    restoreStandard(slot);
    return false;
  }
}
