// @ts-check
/**
 * Control for the layout-shift detector: swaps the hero slot to a taller experience two frames after load, the way a
 * tool that applies after paint would. The test must measure a shift here. Marks <html data-swapped> when done.
 */
addEventListener('load', () => {
  requestAnimationFrame(() => {
    requestAnimationFrame(() => {
      const slot = document.querySelector('[data-candor-slot="hero"]');
      const template = slot?.querySelector('template[data-candor-experience="hero-tall"]');
      if (slot instanceof HTMLElement && template instanceof HTMLTemplateElement) {
        slot.replaceChildren(template.content.cloneNode(true));
      }
      requestAnimationFrame(() => {
        document.documentElement.setAttribute('data-swapped', '');
      });
    });
  });
});
