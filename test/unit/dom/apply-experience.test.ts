import { beforeEach, describe, expect, it } from 'vitest';
import { applyExperience, restoreStandard } from '../../../src/dom/apply-experience.js';
import type { ExperienceConfig } from '../../../src/core/types.js';

/** The value, or a test failure saying it is missing. */
const must = <T>(value: T | null | undefined): T => {
  if (value == null) throw new Error('missing test fixture');
  return value;
};

const slotHtml = `
  <h1>Standard headline</h1>
  <p class="lead">Standard lead <a href="/start">Start</a></p>
  <template data-candor-experience="hero-health"><h1>Built for healthcare teams</h1></template>`;

let slot: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = `<section data-candor-slot="hero">${slotHtml}</section>
    <template id="badge"><strong class="badge">HIPAA-ready</strong></template>`;
  slot = must(document.querySelector<HTMLElement>('[data-candor-slot]'));
});

/** The slot's visible text: what a visitor would read (template contents are inert and not included). */
const visible = () => slot.textContent.replace(/\s+/g, ' ').trim();
const exp = (changes: ExperienceConfig['changes']): ExperienceConfig => ({ id: 'hero-x', audience: 'a', changes });

describe('applyExperience', () => {
  it('replaces the standard content with the experience template and marks the slot', () => {
    expect(applyExperience(slot, undefined, 'hero-health')).toBe(true);
    expect(visible()).toBe('Built for healthcare teams');
    expect(slot.getAttribute('data-candor-shown')).toBe('hero-health');
    expect(slot.querySelector('h1')?.textContent).toBe('Built for healthcare teams');
  });

  it('restores the standard content without a reload, nodes and all', () => {
    const link = slot.querySelector('a');
    applyExperience(slot, undefined, 'hero-health');
    restoreStandard(slot);
    expect(visible()).toBe('Standard headline Standard lead Start');
    expect(slot.querySelector('a')).toBe(link);
    expect(slot.getAttribute('data-candor-shown')).toBe('baseline');
    expect(slot.innerHTML.trim()).toBe(slotHtml.trim());
  });

  it('is idempotent, and switching experiences never stacks content', () => {
    applyExperience(slot, undefined, 'hero-health');
    applyExperience(slot, undefined, 'hero-health');
    expect(slot.querySelectorAll('h1')).toHaveLength(1);
    expect(applyExperience(slot, exp([{ selector: 'h1', text: 'Hello ops' }]), 'hero-x')).toBe(true);
    expect(visible()).toBe('Hello ops Standard lead Start');
    expect(applyExperience(slot, undefined, 'baseline')).toBe(true);
    expect(visible()).toBe('Standard headline Standard lead Start');
  });

  it('marks baseline decisions too', () => {
    expect(applyExperience(slot, undefined, 'baseline')).toBe(true);
    expect(slot.getAttribute('data-candor-shown')).toBe('baseline');
    expect(visible()).toBe('Standard headline Standard lead Start');
  });

  it('applies config text as text, never as HTML', () => {
    const text = '<img src=x onerror="alert(1)">';
    expect(applyExperience(slot, exp([{ selector: 'h1', text }]), 'hero-x')).toBe(true);
    expect(slot.querySelector('img')).toBeNull();
    expect(slot.querySelector('h1')?.textContent).toBe(text);
  });

  it('sets safe attributes and relative or http(s) links', () => {
    const ok = applyExperience(
      slot,
      exp([{ selector: 'a', attrs: { href: '/demo?src=hero', class: 'cta', title: 'Book', 'aria-label': 'Book a demo' } }]),
      'hero-x',
    );
    expect(ok).toBe(true);
    const a = slot.querySelector('a');
    expect(a?.getAttribute('href')).toBe('/demo?src=hero');
    expect(a?.className).toBe('cta');
    expect(a?.getAttribute('aria-label')).toBe('Book a demo');
  });

  it.each([
    ['javascript:alert(1)'],
    [' JavaScript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
  ])('rejects the unsafe URL %j and keeps the standard content', (href) => {
    expect(applyExperience(slot, exp([{ selector: 'a', attrs: { href } }]), 'hero-x')).toBe(false);
    expect(slot.querySelector('a')?.getAttribute('href')).toBe('/start');
    expect(slot.getAttribute('data-candor-shown')).toBe('baseline');
  });

  it('rejects attributes outside the safe list (event handlers, style)', () => {
    expect(applyExperience(slot, exp([{ selector: 'a', attrs: { onclick: 'alert(1)' } }]), 'hero-x')).toBe(false);
    expect(applyExperience(slot, exp([{ selector: 'a', attrs: { style: 'color:red' } }]), 'hero-x')).toBe(false);
    expect(slot.querySelector('a')?.hasAttribute('onclick')).toBe(false);
  });

  it('inserts HTML only by cloning a template already in the page', () => {
    expect(applyExperience(slot, exp([{ selector: 'p', template: 'badge' }]), 'hero-x')).toBe(true);
    expect(slot.querySelector('p .badge')?.textContent).toBe('HIPAA-ready');
    expect(applyExperience(slot, exp([{ selector: 'p', template: 'missing' }]), 'hero-y')).toBe(false);
    expect(visible()).toBe('Standard headline Standard lead Start');
  });

  it('applies all changes or none', () => {
    const ok = applyExperience(slot, exp([{ selector: 'h1', text: 'Changed' }, { selector: '.nothing-here', text: 'x' }]), 'hero-x');
    expect(ok).toBe(false);
    expect(visible()).toBe('Standard headline Standard lead Start');
    expect(applyExperience(slot, exp([{ selector: '[[bad selector', text: 'x' }]), 'hero-x')).toBe(false);
  });

  it('reports an experience with neither template nor changes as not applied', () => {
    expect(applyExperience(slot, undefined, 'hero-unknown')).toBe(false);
    expect(slot.getAttribute('data-candor-shown')).toBe('baseline');
    expect(visible()).toBe('Standard headline Standard lead Start');
  });

  it('applies changes on top of a template', () => {
    expect(applyExperience(slot, { id: 'hero-health', audience: 'a', changes: [{ selector: 'h1', text: 'For clinics' }] }, 'hero-health')).toBe(true);
    expect(visible()).toBe('For clinics');
  });
});
