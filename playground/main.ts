/**
 * The playground's page script, shared by the product page (`index.html`) and the members'
 * reviews page (`wall.html`): points the Cercle widgets at an API (see `api.ts`), then loads
 * the widgets the page uses, and plays the host page's part (language and theme switches,
 * forwarding widget events). `?lang=en` and `?theme=dark|light` set the initial switches.
 */
import { configure } from '@cercle/elements';
import { connectApi } from './api.js';

type Lang = 'fr' | 'en';
type Theme = 'auto' | 'light' | 'dark';

const en: Record<string, string> = {
  title: 'Plant-Based Cooking Box — Maison Verte',
  nav: 'Main navigation',
  navShop: 'Boxes',
  navCircle: 'The circle',
  navReviews: 'Reviews',
  navWall: 'Members’ reviews',
  navProduct: 'Product page',
  navLive: 'Live',
  navLog: 'Event log',
  navHost: 'Host console',
  visualTitle: 'An open box: spice jars, recipe cards and seasonal vegetables',
  eyebrow: 'Box · autumn–winter edition',
  productTitle: 'Plant-Based Cooking Box — 12 seasonal recipes',
  rating: 'Read the members’ reviews',
  price: '€39.00',
  shipping: 'free delivery from 2 boxes',
  lede: 'Twelve plant-based recipes created with chef Camille Morel: miso-roasted squash, a mushroom bourguignon, a coconut red lentil dal… Everything you need to cook the season, with nothing sacrificed on taste.',
  inc1: '12 illustrated step-by-step recipe cards',
  inc2: '3 spice blends from French growers',
  inc3: 'Access to the monthly live sessions with the chef',
  qty: 'Quantity',
  addToCart: 'Add to cart',
  circleTitle: 'Cook with us, not just for yourself',
  circleText:
    'The Maison Verte circle brings together a few hundred cooks: mutual help, live questions to the chef and recipes before anyone else. Joining is free, while places last.',
  reviewsEyebrow: 'Members’ reviews',
  reviewsTitle: 'What the circle says',
  reviewsText:
    'Reviews from verified members, published after moderation, with their dates and the “Advertising” or “Commercial collaboration” label where it applies.',
  reviewsAll: 'All the members’ reviews →',
  wallPageTitle: 'Members’ reviews — Maison Verte',
  wallPageHeading: 'What the members of the circle say',
  wallPageText:
    'Every review comes from a member of the circle, is read by the team before it is published and shows its dates. Paid or gifted content carries the “Advertising” or “Commercial collaboration” label, edited or generated photos the “Edited image” or “Virtual image” label.',
  liveEyebrow: 'Live',
  liveTitle: 'Sunday live with the chef',
  liveText:
    'Ask your question, vote for the ones you want answered: the chef answers live, and answers stay written here.',
  logTitle: 'Host page event log',
  logHint:
    'The widgets dispatch “cercle-join”, “cercle-leave”, “cercle-question”, “cercle-vote”, “cercle-report”, “cercle-testimonial-submit”, “cercle-reveal” and “cercle-copy” (bubbles, composed). The page listens on document and forwards them here and to window.dataLayer, as it would to its analytics.',
  logEmpty: 'No events yet.',
  footer: 'Maison Verte · seasonal plant-based cooking · Cercle demo',
  apiLabel: 'API',
};

/** The widgets this playground uses; each page loads only those it contains. */
const WIDGETS = {
  'cercle-join': () => import('@cercle/elements/join'),
  'cercle-qa': () => import('@cercle/elements/qa'),
  'cercle-wall': () => import('@cercle/elements/wall'),
  'cercle-promo': () => import('@cercle/elements/promo'),
} as const;
const WIDGET_SELECTOR = Object.keys(WIDGETS).join(', ');

const THEME_LABEL: Record<Lang, Record<Theme, string>> = {
  fr: { auto: 'Thème : auto', light: 'Thème : clair', dark: 'Thème : sombre' },
  en: { auto: 'Theme: auto', light: 'Theme: light', dark: 'Theme: dark' },
};

const $ = <T extends Element>(selector: string) => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`playground: missing ${selector}`);
  return el;
};

/** The page's French text, read from the HTML, so the toggle can come back to it. */
const fr: Record<string, string> = {};
for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
  fr[el.dataset.i18n!] = el.textContent!.trim().replace(/\s+/g, ' ');
}
fr.nav = $('[data-i18n-label]').getAttribute('aria-label') ?? '';

const params = new URLSearchParams(location.search);
let lang: Lang = params.get('lang') === 'en' ? 'en' : 'fr';
let theme: Theme = (['light', 'dark'] as const).find((t) => t === params.get('theme')) ?? 'auto';

function applyLang() {
  const terms = lang === 'en' ? en : fr;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = terms[el.dataset.i18n!] ?? el.textContent;
  }
  $('[data-i18n-label]').setAttribute('aria-label', terms.nav ?? '');
  const toggle = $<HTMLButtonElement>('#lang-toggle');
  toggle.textContent = lang === 'en' ? 'Français' : 'English';
  toggle.lang = lang === 'en' ? 'fr' : 'en';
  applyTheme();
  document.documentElement.removeAttribute('data-translating'); // set by early.js
}

function applyTheme() {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  for (const widget of document.querySelectorAll(WIDGET_SELECTOR))
    widget.setAttribute('theme', theme);
  $('#theme-toggle').textContent = THEME_LABEL[lang][theme];
}

$('#lang-toggle').addEventListener('click', () => {
  lang = lang === 'fr' ? 'en' : 'fr';
  applyLang();
});
$('#theme-toggle').addEventListener('click', () => {
  theme = theme === 'auto' ? 'light' : theme === 'light' ? 'dark' : 'auto';
  applyTheme();
});

/**
 * What the host page does with widget events: log them and hand them to its analytics. A
 * revealed promo code (`cercle-reveal`) is for the member's cart, not for analytics: the
 * page forwards that it happened, never the code.
 */
function forward(event: Event) {
  const raw: unknown = 'detail' in event ? event.detail : undefined;
  const detail =
    raw && typeof raw === 'object' && 'code' in raw ? { ...raw, code: '(not forwarded)' } : raw;
  (window.dataLayer ??= []).push({ event: event.type, detail });

  const item = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString(lang);
  const type = document.createElement('span');
  type.className = 'type';
  type.textContent = event.type;
  item.append(time, type, ` ${JSON.stringify(detail)}`);
  // Pages without a visible log (the reviews page) still feed window.dataLayer.
  document.querySelector('#event-log')?.prepend(item);
  const empty = document.querySelector<HTMLElement>('#event-log-empty');
  if (empty) empty.hidden = true;
}
for (const type of [
  'cercle-join',
  'cercle-leave',
  'cercle-question',
  'cercle-vote',
  'cercle-report',
  'cercle-testimonial-submit',
  'cercle-reveal',
  'cercle-copy',
]) {
  document.addEventListener(type, forward);
}

applyLang();
const { api, label } = await connectApi();
$('#api-info').textContent = label;
configure({ api });
// Defined only now, so that no widget calls the API before it is ready.
await Promise.all(
  Object.entries(WIDGETS)
    .filter(([tag]) => document.querySelector(tag))
    .map(([, load]) => load()),
);
