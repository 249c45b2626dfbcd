// @ts-check
/** A minimal client-side router: pushState, then render the route's view (its slot arrives with the view). */
const view = /** @type {HTMLElement} */ (document.getElementById('view'));

/** @param {string} name @param {string} standard @param {string} id @param {string} text */
function slot(name, standard, id, text) {
  const section = document.createElement('section');
  section.setAttribute('data-candor-slot', name);
  const h2 = document.createElement('h2');
  h2.textContent = standard;
  const template = document.createElement('template');
  template.setAttribute('data-candor-experience', id);
  const alt = document.createElement('h2');
  alt.textContent = text;
  template.content.append(alt);
  section.append(h2, template);
  return section;
}

function render() {
  if (location.pathname.startsWith('/pages/spa/pricing')) view.replaceChildren(slot('pricing-banner', 'Standard pricing banner', 'pricing-offer', 'Pricing offer'));
  else view.replaceChildren(slot('home-banner', 'Standard home banner', 'home-offer', 'Home offer'));
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[data-route]') : null;
  if (!link) return;
  event.preventDefault();
  history.pushState({}, '', link.getAttribute('href') ?? '/pages/spa/');
  render();
});
addEventListener('popstate', render);
