// Screenshots of <cercle-join>, <cercle-qa>, <cercle-promo> and <cercle-wall> in each state,
// light and dark, English and French, from the built dist/cercle.js (run
// `npm run build --workspace @cercle/elements` first).
//
//   node scripts/screenshot.mjs [outDir] [--only join|qa|promo|wall] [--phone]
//   (default /tmp/cercle-shots; --phone: a 390 px wide phone viewport, every shot 390 px wide,
//   files named `…-phone.png`)
//
// Serves a static page per widget on 127.0.0.1 (free port) where every widget gets its own
// fake adapter (the documented way to plug any backend; the Q&A one with a stream the page
// drives), then drives Debian's Chromium with playwright-core and writes one PNG per
// state × theme × locale: `<state>-<theme>-<locale>.png` for the join widget,
// `qa-<state>-<theme>-<locale>.png` for the Q&A board, `promo-<state>-<theme>-<locale>.png` for
// the promo code, `wall-<state>-<theme>-<locale>.png` for the testimonial wall (each layout,
// the form with its errors, the member's own pending and refused testimonials, the report
// form, the join card in place, empty, error, loading).
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serve } from './lib/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// CERCLE_DIST: another build to shoot (e.g. a copy, to compare two versions of this script).
const dist = process.env.CERCLE_DIST ?? join(root, 'packages/elements/dist');
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const phoneAt = args.indexOf('--phone');
const phone = phoneAt >= 0 && args.splice(phoneAt, 1).length > 0;
const outDir = args[0] ?? '/tmp/cercle-shots';
if (!existsSync(join(dist, 'cercle.js'))) {
  console.error(
    'packages/elements/dist/cercle.js is missing: npm run build --workspace @cercle/elements',
  );
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });

// What every page has: its theme and locale, shared data (the community), the member side of
// a CercleApi, and `mount`, which puts one widget per state in the grid, signs it in unless it
// is a visitor's, then runs each state's act (`last` ones last) once its widget has loaded
// (scrolled into view first with `scroll`: a wall loads when it nears the viewport).
const prelude = (theme) => `
    import '/dist/cercle.js';

    const theme = '${theme}';
    const fr = document.documentElement.lang === 'fr';
    const MINUTE = 60000;
    const DAY = 86400000;
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString();
    const error = (kind, init = {}) => Object.assign(new Error(kind), { kind, ...init });
    const community = {
      slug: 'maison-verte', name: 'Maison Verte',
      tagline: 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.',
      memberCount: 120, capacity: 300, joinState: 'open',
      privacyPolicyUrl: 'https://maison-verte.example/confidentialite',
      consentVersion: '2026-11-01', disclosure: 'none',
    };
    // The membership part of a CercleApi: what a brand writes for its own backend.
    const members = {
      async getCommunity() { return community; },
      async join(slug, body) {
        return { member: { id: 'm_1', displayName: body.displayName, status: 'active', joinedAt: iso(now) }, token: 't'.repeat(32), waitlisted: false };
      },
      async me() { return { member: { id: 'm_1', displayName: 'Camille', status: 'active', joinedAt: iso(now) }, invites: [] }; },
      async leave() {},
      async exportMe() { throw error('http', { status: 404, code: 'not_found' }); },
      async listMembers() { return { count: 0, members: [] }; },
    };

    // The widget's chunk loads when its tag is first in the page (dist/cercle.js autoloads).
    const loaded = (el) =>
      customElements.whenDefined(el.localName).then(() => el.updateComplete).then(() =>
        new Promise((resolve) => {
          const check = () => (el.matches(':state(loading)') ? setTimeout(check, 20) : resolve());
          check();
        }));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    // Opens the join card a widget embeds.
    const openJoin = async (button, ms) => {
      button.click();
      await customElements.whenDefined('cercle-join');
      await wait(ms);
    };

    const mount = async (tag, states, { attrs, className = () => '', session = 'active', scroll, act }) => {
      const grid = document.getElementById('grid');
      const acts = [];
      for (const [name, s] of Object.entries(states)) {
        const slug = 'demo-' + name;
        const status = s.session ?? (s.visitor ? null : session);
        if (status) {
          localStorage.setItem('cercle.v1:adapter:' + slug,
            JSON.stringify({ token: 't'.repeat(32), memberId: 'm_1', status }));
        }
        const wrap = document.createElement('div');
        wrap.className = 'shot' + className(s);
        wrap.id = 'shot-' + name;
        const el = document.createElement(tag);
        el.adapter = s.adapter;
        for (const [key, value] of Object.entries(attrs(slug, s))) {
          if (value != null) el.setAttribute(key, value);
        }
        wrap.append(el);
        grid.append(wrap);
        if (!act || name === 'loading') continue;
        acts.push([Boolean(s.last), async () => {
          if (scroll) wrap.scrollIntoView();
          await loaded(el);
          await el.updateComplete;
          await act(el.shadowRoot, s, el);
        }]);
      }
      for (const [, run] of acts.sort(([a], [b]) => a - b)) await run();
    };
`;

const scripts = {
  join: `
    const info = (over = {}) => ({ ...community, ...over });
    const member = (over = {}) => ({
      id: 'm_1', displayName: 'Camille', status: 'active', joinedAt: new Date().toISOString(), ...over,
    });
    const invites = [
      { kind: 'discord', label: 'Discord Maison Verte', url: 'https://discord.gg/maison-verte-demo' },
      { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
    ];

    const adapter = ({ community = info(), me, fail, hang, joinFail } = {}) => ({
      ...members,
      async getCommunity() {
        if (hang) return new Promise(() => {});
        if (fail) throw fail;
        return community;
      },
      async join(slug, body) {
        if (joinFail) throw joinFail;
        return { member: member({ displayName: body.displayName }), token: 't'.repeat(32), waitlisted: false };
      },
      async me() {
        if (!me) throw error('http', { status: 401, code: 'unauthorized' });
        return me;
      },
    });

    const states = {
      form: { adapter: adapter() },
      loading: { adapter: adapter({ hang: true }) },
      error: { adapter: adapter({ fail: error('network') }) },
      'not-found': { adapter: adapter({ fail: error('http', { status: 404, code: 'not_found' }) }) },
      joined: { adapter: adapter({ me: { member: member(), invites } }), session: 'active' },
      waitlisted: {
        adapter: adapter({
          community: info({ memberCount: 300, joinState: 'waitlist' }),
          me: { member: member({ status: 'waitlisted', waitlistPosition: 12 }), invites: [] },
        }),
        session: 'waitlisted',
      },
      full: { adapter: adapter({ community: info({ memberCount: 300, joinState: 'closed' }) }) },
      'consent-error': { adapter: adapter(), act: 'submit' },
      'backend-error': {
        adapter: adapter({
          joinFail: error('http', {
            status: 400, code: 'validation_failed',
            details: [{ path: 'displayName', message: 'This name is already taken.' }],
          }),
        }),
        act: 'join',
      },
      'rate-limited': {
        adapter: adapter({ joinFail: error('http', { status: 429, code: 'rate_limited', retryAfterMs: 30000 }) }),
        act: 'join',
      },
      leave: { adapter: adapter({ me: { member: member(), invites } }), session: 'active', act: 'leave' },
      missing: { adapter: adapter(), noCommunity: true },
      banner: { adapter: adapter(), variant: 'banner', wide: true },
      button: { adapter: adapter(), variant: 'button', act: 'open' },
    };

    await mount('cercle-join', states, {
      session: null,
      className: (s) => (s.wide ? ' wide' : '') + (s.variant === 'button' ? ' button-shot' : ''),
      attrs: (slug, s) => ({
        community: s.noCommunity ? null : slug, theme, variant: s.variant, 'data-act': s.act ?? '',
      }),
    });
`,
  qa: `
    const curated = fr
      ? [
          ['Quel lait végétal marche le mieux dans une béchamel ?', 'Léa', 24],
          ['Peut-on congeler la crème de cajou ?', null, 17],
          ['Quel couteau utilisez-vous pour la courge butternut ?', 'Camille', 9],
        ]
      : [
          ['Which plant milk works best in a béchamel?', 'Léa', 24],
          ['Can we freeze the cashew cream?', null, 17],
          ['What knife do you use for butternut squash?', 'Camille', 9],
        ];
    const answer = fr
      ? "Le lait d’avoine non sucré : il épaissit bien et reste neutre. Ajoutez une pincée de muscade."
      : 'Unsweetened oat milk: it thickens well and stays neutral. Add a pinch of nutmeg.';
    const subjects = fr
      ? ['le levain', 'les lentilles corail', 'le tofu soyeux', 'la sauce tahini', 'les pois chiches', 'le tempeh', 'la farine de sarrasin', 'les champignons', 'le lait de coco', 'la polenta']
      : ['sourdough', 'red lentils', 'silken tofu', 'tahini sauce', 'chickpeas', 'tempeh', 'buckwheat flour', 'mushrooms', 'coconut milk', 'polenta'];
    const forms = fr
      ? [(x) => \`Combien de temps faut-il cuire \${x} ?\`, (x) => \`Par quoi remplacer \${x} dans une recette sans gluten ?\`, (x) => \`Comment conserver \${x} plus d’une semaine ? Au frigo, au congélateur, en bocal ?\`, (x) => \`\${x[0].toUpperCase() + x.slice(1)}, bio ou pas bio ?\`]
      : [(x) => \`How long should I cook \${x}?\`, (x) => \`What can replace \${x} in a gluten-free recipe?\`, (x) => \`How do you keep \${x} for more than a week? Fridge, freezer, jars?\`, (x) => \`Is organic \${x} worth it?\`];
    const names = ['Camille', 'Nina', 'Jules', 'Inès', 'Malik', null, 'Sacha', 'Zoé', null, 'Ana'];

    const question = (i, over = {}) => ({
      id: 'q_' + (i + 1), session: 'dimanche-live', text: 'A question?', author: null, votes: 0,
      votedByMe: false, mine: false, state: 'open', pinned: false, answer: null,
      createdAt: iso(now - (300 - i) * MINUTE), ...over,
    });
    const three = () => [
      question(0, { text: curated[0][0], author: curated[0][1], votes: curated[0][2], state: 'answered', pinned: true,
        answer: { text: answer, answeredAt: iso(now - 5 * MINUTE) } }),
      question(1, { text: curated[1][0], author: curated[1][1], votes: curated[1][2], votedByMe: true }),
      question(2, { text: curated[2][0], author: curated[2][1], votes: curated[2][2], mine: true }),
    ];
    const many = (n) => [
      ...three(),
      ...Array.from({ length: n - 3 }, (_, i) => question(i + 3, {
        text: forms[i % forms.length](subjects[(i * 7) % subjects.length]),
        author: names[i % names.length],
        votes: Math.max(0, 8 - Math.floor(i / 25)),
        votedByMe: i % 13 === 0,
        state: i % 17 === 5 ? 'answered' : 'open',
        answer: i % 17 === 5 ? { text: fr ? 'Oui, sans hésiter.' : 'Yes, absolutely.', answeredAt: iso(now) } : null,
      })),
    ];
    const session = (over = {}) => ({
      id: 'dimanche-live', community: 'maison-verte',
      title: fr ? 'Le live du dimanche avec la cheffe' : 'Sunday live with the chef',
      state: 'live', startsAt: iso(now - 40 * MINUTE), endedAt: null, moderation: 'post',
      disclosure: 'none', questionCount: 0, ...over,
    });

    const sorters = {
      top: (a, b) => b.pinned - a.pinned || b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
      new: (a, b) => b.createdAt.localeCompare(a.createdAt),
    };

    // A whole CercleApi, the live part included: what a brand writes for its own backend.
    const adapter = ({ info = session(), questions = three(), stream = 'open', fail, hang, voteFail } = {}) => {
      info.questionCount = questions.length;
      const subscribers = new Set();
      let seq = 10;
      return {
        push(event) { const e = { ...event, id: String(++seq) }; subscribers.forEach((s) => s.onEvent(e)); },
        ...members,
        async getSession() {
          if (hang) return new Promise(() => {});
          if (fail) throw fail;
          return structuredClone(info);
        },
        async listQuestions(c, s, { sort = 'top', cursor, limit = 50, token } = {}) {
          const all = [...questions].sort(sorters[sort]);
          const start = cursor ? Number(cursor) : 0;
          // votedByMe and mine are the caller's: a visitor (no token) has neither.
          const seen = (q) => (token ? q : { ...q, votedByMe: false, mine: false });
          return {
            questions: structuredClone(all.slice(start, start + limit).map(seen)),
            nextCursor: start + limit < all.length ? String(start + limit) : null,
            lastEventId: String(seq),
          };
        },
        async ask(c, s, body) {
          const q = question(questions.length, { text: body.text, author: body.anonymous ? null : 'Camille', mine: true, createdAt: iso(Date.now()) });
          questions.push(q);
          return q;
        },
        async vote(c, s, id) {
          if (voteFail) throw voteFail;
          const q = questions.find((x) => x.id === id);
          return { questionId: id, votes: q.votes + 1, votedByMe: true };
        },
        async unvote(c, s, id) {
          const q = questions.find((x) => x.id === id);
          return { questionId: id, votes: q.votes, votedByMe: false };
        },
        subscribe(c, s, o) {
          subscribers.add(o);
          queueMicrotask(() => {
            o.onState?.('connecting');
            o.onState?.(stream, stream === 'reconnecting' ? { retryInMs: 4000 } : undefined);
          });
          return { lastEventId: String(seq), close: () => subscribers.delete(o) };
        },
        async report() { return { id: 'r_1', state: 'open', createdAt: iso(now) }; },
      };
    };

    const states = {
      three: { adapter: adapter() },
      many: { adapter: adapter({ questions: many(200) }) },
      visitor: { adapter: adapter(), visitor: true },
      'join-open': { adapter: adapter(), visitor: true, act: 'join' },
      pending: { adapter: adapter(), act: 'pending', last: true },
      report: { adapter: adapter(), act: 'report' },
      asked: { adapter: adapter(), act: 'ask' },
      'vote-refused': {
        adapter: adapter({ voteFail: error('http', { status: 429, code: 'rate_limited', retryAfterMs: 30000 }) }),
        act: 'vote',
      },
      empty: { adapter: adapter({ questions: [] }) },
      scheduled: {
        adapter: adapter({ questions: [], info: session({ state: 'scheduled', startsAt: iso(now + 83 * MINUTE + 21000) }) }),
      },
      reconnecting: { adapter: adapter({ stream: 'reconnecting' }) },
      ended: {
        adapter: adapter({ info: session({ state: 'ended', endedAt: iso(now - 10 * MINUTE) }) }),
      },
      loading: { adapter: adapter({ hang: true }) },
      error: { adapter: adapter({ fail: error('network') }) },
      'not-found': { adapter: adapter({ fail: error('http', { status: 404, code: 'not_found' }) }) },
    };

    await mount('cercle-qa', states, {
      attrs: (slug) => ({ community: slug, session: 'dimanche-live', theme }),
      act: async (root, s) => {
        if (s.act === 'join') {
          await openJoin(root.querySelector('#join-toggle'), 200);
        } else if (s.act === 'pending') {
          root.querySelector('.list > li:nth-child(2) .vote').focus();
          s.adapter.push({ type: 'question.created', question: question(3, { text: fr ? 'Une astuce pour un seitan moins caoutchouteux ?' : 'Any tip for a less rubbery seitan?', author: 'Nina', createdAt: iso(Date.now()) }) });
          s.adapter.push({ type: 'question.updated', question: question(2, { text: curated[2][0], author: curated[2][1], votes: 31 }) });
          await wait(100);
        } else if (s.act === 'report') {
          root.querySelector('.list > li:nth-child(2) .report-toggle').click();
          await wait(50);
          root.querySelector('textarea[name="details"]').value = fr ? 'Déjà posée plus bas.' : 'Already asked further down.';
        } else if (s.act === 'ask') {
          const field = root.querySelector('#ask');
          field.value = fr ? 'Peut-on remplacer le sucre par du sirop d’érable ?' : 'Can maple syrup replace the sugar?';
          field.dispatchEvent(new Event('input'));
          root.querySelector('form.ask').requestSubmit();
          await wait(100);
        } else if (s.act === 'vote') {
          root.querySelector('.list > li:nth-child(3) .vote').click();
          await wait(100);
        }
      },
    });
`,
  promo: `
    // The clipboard of the page: accepts, or refuses when a shot wants the fallback.
    let refuseCopy = false;
    Object.defineProperty(navigator.clipboard, 'writeText', {
      configurable: true,
      value: async () => { if (refuseCopy) throw new DOMException('denied', 'NotAllowedError'); },
    });

    const teaser = (over = {}) => ({
      id: 'bienvenue-10', community: 'maison-verte',
      title: fr ? 'Bienvenue dans le cercle' : 'Welcome to the circle',
      benefit: fr ? '-10 % sur votre première commande' : '10% off your first order',
      conditions: fr
        ? 'Un code par membre, valable une fois, dès 30 € d’achat, hors coffrets cadeaux.'
        : 'One code per member, single use, from €30, gift boxes excluded.',
      expiresAt: iso(now + 12 * DAY + 3600000), disclosure: 'publicite', kind: 'unique',
      status: 'active', revealedByMe: false, ...over,
    });

    // A whole CercleApi for the promo (and the join card it opens): what a brand writes.
    const adapter = ({ offer = teaser(), fail, hang, revealFail } = {}) => ({
      ...members,
      async getOffer() {
        if (hang) return new Promise(() => {});
        if (fail) throw fail;
        return structuredClone(offer);
      },
      async revealOffer() {
        if (revealFail) throw revealFail;
        return { offer: offer.id, code: 'MV10-7KQ2XP', revealedAt: iso(now), expiresAt: offer.expiresAt };
      },
      async copyOffer() {},
    });

    const states = {
      locked: { adapter: adapter(), visitor: true },
      'join-open': { adapter: adapter(), visitor: true, act: 'join' },
      member: { adapter: adapter() },
      revealed: { adapter: adapter(), act: 'reveal' },
      copied: { adapter: adapter(), act: 'reveal', shoot: 'copy' },
      'copy-manual': { adapter: adapter(), act: 'reveal', shoot: 'copy-manual' },
      'ends-today': { adapter: adapter({ offer: teaser({ expiresAt: iso(now + 2 * 3600000 + 14 * 60000 + 9000) }) }), visitor: true },
      waitlisted: { adapter: adapter(), session: 'waitlisted' },
      expired: { adapter: adapter({ offer: teaser({ status: 'expired', expiresAt: iso(now - 3 * DAY) }) }) },
      exhausted: { adapter: adapter({ offer: teaser({ status: 'exhausted' }) }) },
      'rate-limited': {
        adapter: adapter({ revealFail: error('http', { status: 429, code: 'rate_limited', retryAfterMs: 45000 }) }),
        act: 'reveal',
      },
      error: { adapter: adapter({ fail: error('network') }) },
      'not-found': { adapter: adapter({ fail: error('http', { status: 404, code: 'not_found' }) }) },
      loading: { adapter: adapter({ hang: true }) },
    };

    await mount('cercle-promo', states, {
      attrs: (slug, s) => ({ community: slug, offer: 'bienvenue-10', theme, 'data-shoot': s.shoot ?? '' }),
      act: async (root, s) => {
        if (s.act === 'join') {
          await openJoin(root.querySelector('#join-toggle'), 200);
        } else if (s.act === 'reveal') {
          root.querySelector('#reveal').click();
          await wait(50);
        }
      },
    });
    window.refuse = (on) => { refuseCopy = on; };
`,
  wall: `
    const day = (ms) => iso(ms).slice(0, 10);
    // A photo of what a member made: a drawn plate (data: URLs are fine from an adapter).
    const photo = (hue, alt) => ({
      url: 'data:image/svg+xml,' + encodeURIComponent(
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">' +
        '<rect width="800" height="600" fill="hsl(' + hue + ' 35% 82%)"/>' +
        '<circle cx="400" cy="300" r="210" fill="#fdfbf7"/>' +
        '<circle cx="400" cy="300" r="150" fill="hsl(' + ((hue + 30) % 360) + ' 55% 52%)"/>' +
        '<circle cx="350" cy="260" r="34" fill="hsl(' + ((hue + 90) % 360) + ' 45% 40%)"/>' +
        '<circle cx="450" cy="330" r="26" fill="hsl(' + ((hue + 90) % 360) + ' 45% 40%)"/></svg>'),
      alt, width: 800, height: 600,
    });
    const long = fr
      ? 'Le curry de lentilles corail du live de dimanche est devenu notre plat du lundi. Les enfants en redemandent, et la recette marche à chaque fois avec ce qu’on a sous la main : un reste de lait de coco, des épinards surgelés, un citron. La cheffe a pris le temps de répondre à ma question sur les épices pendant le live, et les membres ont partagé leurs variantes dans le fil. Je ne pensais pas cuisiner autant de légumineuses un jour.'
      : 'The red lentil curry from the Sunday live is now our Monday dish. The children ask for more, and the recipe works every time with whatever is at hand: leftover coconut milk, frozen spinach, a lemon. The chef took the time to answer my question about spices during the live, and members shared their versions in the thread. I never thought I would cook this many pulses one day.';
    const testimonial = (i, over = {}) => ({
      id: 't_' + i, community: 'maison-verte',
      author: { displayName: 'Camille Martin', memberSince: iso(now - 400 * DAY), verified: true },
      rating: 5, text: 'Merci !', photo: null, tags: [],
      experiencedAt: day(now - (i + 4) * DAY), publishedAt: iso(now - (i + 1) * DAY),
      disclosure: 'none', imageFlags: [], ...over,
    });
    const six = () => [
      testimonial(1, { text: long, photo: photo(30, fr ? 'Un curry de lentilles dans une assiette creuse' : 'A lentil curry in a deep plate'), tags: ['plats', 'famille'] }),
      testimonial(2, { author: { displayName: null, memberSince: iso(now - 90 * DAY), verified: false }, rating: 4,
        text: fr ? 'Des recettes claires et une communauté bienveillante. J’aurais aimé plus de desserts.' : 'Clear recipes and a kind community. I would have liked more desserts.' }),
      testimonial(3, { author: { displayName: 'Inès', memberSince: iso(now - 200 * DAY), verified: true },
        text: fr ? 'Le coffret épices offert par la marque m’a convaincue : je l’utilise tous les jours.' : 'The spice box the brand sent me won me over: I use it every day.',
        photo: photo(200, fr ? 'Un coffret de six pots d’épices' : 'A box of six spice jars'), tags: ['epices'],
        disclosure: 'collaboration-commerciale', imageFlags: ['retouchee'] }),
      testimonial(4, { author: { displayName: 'Jules Petit', memberSince: iso(now - 30 * DAY), verified: true }, rating: 3,
        text: fr ? 'Bon levain, mais les horaires des lives ne me conviennent pas toujours.' : 'Good sourdough, but the live times do not always suit me.',
        experiencedAt: null, tags: ['pain'] }),
      testimonial(5, { author: { displayName: 'Malik', memberSince: iso(now - 700 * DAY), verified: true }, rating: 4,
        text: fr ? 'La poêle de la boutique chauffe vite et ne colle pas.' : 'The shop’s pan heats fast and does not stick.',
        photo: photo(120, fr ? 'Une poêle avec des légumes sautés' : 'A pan of stir-fried vegetables'), disclosure: 'publicite', imageFlags: ['virtuelle'] }),
      testimonial(6, { author: { displayName: 'Nina', memberSince: iso(now - 60 * DAY), verified: true },
        text: fr ? 'Tout simplement le meilleur cercle de cuisine que je connaisse.' : 'Simply the best cooking circle I know.' }),
    ];
    const own = (i, state, statement, over = {}) => ({
      ...testimonial(20 + i, over), state, statement, publishedAt: state === 'approved' ? iso(now) : null,
      consent: { version: '2026-11-01', publishName: true, publishPhoto: false, acceptedAt: iso(now - DAY) },
      submittedAt: iso(now - DAY),
    });

    // A whole CercleApi for the wall (and the join card it opens): what a brand writes.
    const adapter = ({ items = six(), mine = [], fail, hang } = {}) => ({
      ...members,
      async listTestimonials() {
        if (hang) return new Promise(() => {});
        if (fail) throw fail;
        return {
          testimonials: structuredClone(items), nextCursor: items.length > 3 ? 'next' : null,
          aggregate: items.length ? { count: 38, average: 4.3 } : { count: 0, average: 0 },
          reviewPolicyUrl: 'https://maison-verte.example/avis',
        };
      },
      async myTestimonials() { return { testimonials: structuredClone(mine) }; },
      async uploadPhoto() { throw error('http', { status: 413, code: 'payload_too_large' }); },
      async submitTestimonial() { throw error('network'); },
      async withdrawTestimonial() {},
      async report() {},
    });

    const states = {
      grid: { adapter: adapter(), visitor: true },
      masonry: { adapter: adapter(), layout: 'masonry', visitor: true },
      carousel: { adapter: adapter(), layout: 'carousel', visitor: true },
      list: { adapter: adapter({ items: six().slice(0, 3) }), layout: 'list', narrow: true },
      'form-error': { adapter: adapter({ items: six().slice(1, 2) }), act: 'form-error', narrow: true },
      'form-photo': { adapter: adapter({ items: six().slice(1, 2) }), act: 'form-photo', narrow: true },
      'join-open': { adapter: adapter({ items: six().slice(5, 6) }), act: 'join', visitor: true, narrow: true },
      mine: {
        adapter: adapter({ items: six().slice(5, 6), mine: [
          own(1, 'pending', null, { text: fr ? 'Le pain au levain du dernier live était parfait, merci la cheffe !' : 'The sourdough from the last live was perfect, thank you chef!', rating: 5 }),
          own(2, 'rejected', fr ? 'Ce témoignage parle d’un autre commerce que le nôtre ; il ne peut pas être publié ici.' : 'This testimonial is about another shop than ours; it cannot be published here.', { text: fr ? 'Allez plutôt voir la boutique d’à côté.' : 'Go to the shop next door instead.', rating: 2 }),
        ] }),
        narrow: true,
      },
      report: { adapter: adapter({ items: six().slice(1, 3) }), act: 'report', visitor: true, narrow: true },
      empty: { adapter: adapter({ items: [] }), visitor: true, narrow: true },
      error: { adapter: adapter({ fail: error('network') }), narrow: true },
      loading: { adapter: adapter({ hang: true }), narrow: true },
    };
    const png = () => new Promise((resolve) => {
      const canvas = document.createElement('canvas');
      canvas.width = 400; canvas.height = 300;
      const g = canvas.getContext('2d');
      g.fillStyle = '#e9d8b4'; g.fillRect(0, 0, 400, 300);
      g.fillStyle = '#b5793a'; g.beginPath(); g.ellipse(200, 160, 140, 90, 0, 0, 7); g.fill();
      canvas.toBlob((b) => resolve(new File([b], 'pain.png', { type: 'image/png' })), 'image/png');
    });

    await mount('cercle-wall', states, {
      className: (s) => (s.narrow ? ' narrow' : ''),
      attrs: (slug, s) => ({ community: slug, theme, layout: s.layout }),
      scroll: true,
      act: async (root, s, el) => {
        await wait(50);
        if (s.act === 'join') {
          await openJoin(root.querySelector('#share'), 300);
        } else if (s.act === 'form-error') {
          root.querySelector('#share').click();
          await el.updateComplete;
          root.querySelector('form.form').requestSubmit();
          await el.updateComplete;
        } else if (s.act === 'form-photo') {
          root.querySelector('#share').click();
          await el.updateComplete;
          root.querySelector('#rating-4').click();
          const text = root.querySelector('#text');
          text.value = fr ? 'Mon premier pain au levain, grâce au live de dimanche.' : 'My first sourdough loaf, thanks to the Sunday live.';
          text.dispatchEvent(new Event('input', { bubbles: true }));
          const input = root.querySelector('#photo');
          const files = new DataTransfer();
          files.items.add(await png());
          input.files = files.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
          await el.updateComplete;
          root.querySelector('form.form').requestSubmit();
          await el.updateComplete;
        } else if (s.act === 'report') {
          root.querySelector('[part="report-button"]').click();
          await el.updateComplete;
        }
        root.activeElement?.blur();
      },
    });
`,
};

/** What differs per widget: its grid, its page script, and how its pictures are taken. */
const widgets = {
  join: {
    bodyCss: ' min-height: 2400px;',
    css: `.grid { display: grid; grid-template-columns: repeat(3, 400px); gap: 32px; align-items: start; }
    .wide { grid-column: 1 / -1; }
    .shot { padding: 12px; }
    .button-shot { min-height: 620px; }`,
    prefix: '',
    animations: 'allow',
    // Fill and send the forms the states name, then let the answers settle.
    async prepare(tab) {
      for (const el of await tab.locator('cercle-join').all()) {
        const act = await el.getAttribute('data-act');
        if (act === 'submit' || act === 'join') {
          await el.locator('#name').fill('Camille');
          if (act === 'join') await el.locator('#consent').check();
          await el.locator('.submit').click();
        } else if (act === 'leave') {
          await el.locator('#leave').click();
        }
      }
      await tab.waitForTimeout(300);
    },
    // A popover floats over its neighbours: open it only for its own picture.
    async before(tab, shot) {
      const el = shot.locator('cercle-join');
      if ((await el.getAttribute('data-act')) !== 'open') return undefined;
      await shot.scrollIntoViewIfNeeded();
      await el.locator('#trigger').click();
      await el.locator('#panel').waitFor({ state: 'visible' });
      await tab.waitForTimeout(100);
      return () => tab.keyboard.press('Escape');
    },
  },
  qa: {
    css: `.grid { display: grid; grid-template-columns: repeat(2, 660px); gap: 32px; align-items: start; }
    .shot { padding: 12px; }`,
    prefix: 'qa-',
  },
  promo: {
    css: `.grid { display: grid; grid-template-columns: repeat(3, 440px); gap: 32px; align-items: start; }
    .shot { padding: 12px; }`,
    prefix: 'promo-',
    // "Copied" lasts two seconds: click right before its own picture.
    async before(tab, shot) {
      const el = shot.locator('cercle-promo');
      const copy = await el.getAttribute('data-shoot');
      if (!copy) return undefined;
      await tab.evaluate((refuse) => window.refuse(refuse), copy === 'copy-manual');
      await el.locator('#copy').click();
      await tab.waitForTimeout(100);
      await tab.mouse.move(0, 0);
      return () => tab.evaluate(() => window.getSelection().removeAllRanges());
    },
  },
  wall: {
    css: `.grid { display: flex; flex-direction: column; gap: 32px; align-items: flex-start; }
    .shot { padding: 12px; box-sizing: border-box; width: 1060px; }
    .narrow { width: 660px; }`,
    prefix: 'wall-',
  },
};

const html = (widget, theme, locale) => `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8" />
  <title>cercle-${widget} screenshots</title>
  <style>
    body { margin: 0; padding: 32px; font-family: system-ui, sans-serif;${widgets[widget].bodyCss ?? ''}
      background: ${theme === 'dark' ? '#0b0c0f' : '#f1f2f5'}; }
    ${widgets[widget].css}
  </style>
</head>
<body>
  <div class="grid" id="grid"></div>
  <script type="module">${prelude(theme)}${scripts[widget]}
    window.ready = true;
  </script>
</body>
</html>`;

const types = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };
const server = await serve((url, req, res) => {
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (url.pathname === '/') {
    const widget = url.searchParams.get('widget');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      html(
        widgets[widget] ? widget : 'join',
        url.searchParams.get('theme'),
        url.searchParams.get('locale'),
      ),
    );
    return;
  }
  const file = normalize(join(dist, url.pathname.replace(/^\/dist\//, '')));
  if (!url.pathname.startsWith('/dist/') || !file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});

const browser = await launchChromium();
const written = [];

/**
 * Opens the widget's page in a fresh context, writes one PNG per `.shot`
 * (`<prefix><state>-<theme>-<locale>.png`), reports page errors.
 */
async function shoot(widget, theme, locale) {
  const { prefix, animations = 'disabled', prepare, before } = widgets[widget];
  const context = await browser.newContext({
    viewport: phone ? { width: 390, height: 844 } : { width: 1400, height: 1000 },
    colorScheme: theme,
    reducedMotion: 'reduce',
    locale,
  });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await tab.goto(`${server.base}/?widget=${widget}&theme=${theme}&locale=${locale}`);
  await tab.waitForFunction(() => window.ready === true);
  if (phone) {
    await tab.addStyleTag({
      content: '.shot, .narrow { inline-size: 390px !important; max-inline-size: 390px; }',
    });
  }
  await tab.waitForTimeout(300);
  await prepare?.(tab);
  await tab.mouse.move(0, 0);
  for (const shot of await tab.locator('.shot').all()) {
    const name = (await shot.getAttribute('id')).replace('shot-', '');
    const after = await before?.(tab, shot);
    const path = join(outDir, `${prefix}${name}-${theme}-${locale}${phone ? '-phone' : ''}.png`);
    await shot.screenshot({ path, animations });
    written.push(path);
    await after?.();
  }
  if (errors.length) {
    console.warn(`${widget} ${theme}/${locale}: page errors:\n  ${errors.join('\n  ')}`);
  }
  await context.close();
}

try {
  for (const theme of ['light', 'dark']) {
    for (const locale of ['en', 'fr']) {
      for (const widget of Object.keys(widgets)) {
        if (!only || only === widget) await shoot(widget, theme, locale);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${written.length} screenshots in ${outDir}`);
