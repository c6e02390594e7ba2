/**
 * The seeded demo, shared by the reference server (`--seed demo`) and the mock so both
 * show the same thing: "Maison Verte", a small French vegan-cooking brand.
 * Not part of the main entry point (import `@cercle/client/demo`).
 */
import type { Disclosure, Invite } from './contract.js';

export interface DemoCommunity {
  slug: string;
  name: string;
  tagline: string;
  capacity: number | null;
  /** When full: `waitlist` queues new joiners, `closed` refuses them. */
  whenFull: 'waitlist' | 'closed';
  privacyPolicyUrl: string;
  consentVersion: string;
  disclosure: Disclosure;
  /** Origins allowed to embed the widgets (CORS); `:*` matches any port. */
  allowedOrigins: string[];
  invites: Invite[];
  /** How many members the seed creates. */
  seedMembers: number;
}

export const demoCommunities: readonly DemoCommunity[] = [
  {
    slug: 'maison-verte',
    name: 'Maison Verte',
    tagline: 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.',
    capacity: 300,
    whenFull: 'waitlist',
    privacyPolicyUrl: 'https://maison-verte.example/confidentialite',
    consentVersion: '2026-11-01',
    disclosure: 'none',
    allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    invites: [
      {
        kind: 'discord',
        label: 'Discord Maison Verte',
        url: 'https://discord.gg/maison-verte-demo',
      },
      { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
    ],
    seedMembers: 120,
  },
  {
    slug: 'le-fournil',
    name: 'Le Fournil',
    tagline: 'Levain, farines anciennes et fournées du dimanche.',
    capacity: 40,
    whenFull: 'waitlist',
    privacyPolicyUrl: 'https://le-fournil.example/confidentialite',
    consentVersion: '2026-11-01',
    disclosure: 'none',
    allowedOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
    invites: [{ kind: 'web', label: 'Forum du Fournil', url: 'https://le-fournil.example/forum' }],
    seedMembers: 40,
  },
];

const FIRST = [
  'Camille',
  'Léa',
  'Hugo',
  'Inès',
  'Louis',
  'Chloé',
  'Jules',
  'Manon',
  'Nina',
  'Théo',
  'Zoé',
  'Malo',
];
const LAST = ['M.', 'D.', 'B.', 'L.', 'R.', 'P.', 'G.', 'F.', 'C.', 'V.'];

/** Deterministic display names for seeded members: "Camille M.", "Léa D."… */
/**
 * The key of each demo community's owner ("Demo owner"), created by the demo seed. Demo
 * only: a real community's owner gets a random key when the operator creates it.
 */
export const demoOwnerKey = (community: string): string => `demo-owner-key-${community}`;

export function demoMemberName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
}

/** A seeded live session. */
export interface DemoSession {
  community: string;
  id: string;
  title: string;
  state: 'scheduled' | 'live' | 'ended';
  /** Start time relative to the seeding time: negative = already started. */
  startsInMs: number;
  moderation: 'post' | 'pre';
}

/** A seeded question, listed oldest first. */
export interface DemoQuestion {
  community: string;
  session: string;
  text: string;
  /** Index of the seeded member who asked (`demoMemberName(i)`), `null` when anonymous. */
  authorIndex: number | null;
  /** How many seeded members voted for it: members 0 … votes − 1. */
  votes: number;
  state: 'pending' | 'open' | 'answered' | 'hidden';
  pinned: boolean;
  /** The host's written answer (state `answered`). */
  answer?: string;
  /** Asked this long before the seeding time. */
  askedMsAgo: number;
}

const MINUTE = 60_000;

export const demoSessions: readonly DemoSession[] = [
  {
    community: 'maison-verte',
    id: 'dimanche-live',
    title: 'Le live du dimanche avec la cheffe',
    state: 'live',
    startsInMs: -20 * MINUTE,
    moderation: 'post',
  },
  {
    community: 'maison-verte',
    id: 'jeudi-pain',
    title: 'Jeudi pain : le levain sans stress',
    state: 'scheduled',
    startsInMs: 3 * 24 * 60 * MINUTE,
    moderation: 'pre',
  },
];

export const demoQuestions: readonly DemoQuestion[] = [
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Par quoi remplacer les œufs dans une pâte à crêpes ?',
    authorIndex: 3,
    votes: 14,
    state: 'answered',
    pinned: false,
    answer:
      'Une cuillère de fécule de maïs et un peu plus de lait végétal par œuf : la pâte reste souple. Laissez-la reposer 30 minutes.',
    askedMsAgo: 19 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Quelle farine pour un pain de mie moelleux sans beurre ?',
    authorIndex: 7,
    votes: 11,
    state: 'open',
    pinned: true,
    askedMsAgo: 18 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Comment réussir une mayonnaise à l’aquafaba qui ne retombe pas ?',
    authorIndex: null,
    votes: 9,
    state: 'open',
    pinned: false,
    askedMsAgo: 17 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Le tofu soyeux se congèle-t-il ?',
    authorIndex: 12,
    votes: 4,
    state: 'open',
    pinned: false,
    askedMsAgo: 16 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Une idée de dessert de fête sans noix de cajou (allergie) ?',
    authorIndex: 21,
    votes: 8,
    state: 'open',
    pinned: false,
    askedMsAgo: 14 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Combien de temps se garde un bouillon de légumes maison au frigo ?',
    authorIndex: 5,
    votes: 3,
    state: 'open',
    pinned: false,
    askedMsAgo: 13 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Levure maltée ou levure nutritionnelle : quelle différence en cuisine ?',
    authorIndex: 30,
    votes: 6,
    state: 'open',
    pinned: false,
    askedMsAgo: 11 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Vos astuces pour des pois chiches rôtis vraiment croustillants ?',
    authorIndex: null,
    votes: 7,
    state: 'open',
    pinned: false,
    askedMsAgo: 9 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Peut-on faire un fromage végétal sans déshydrateur ?',
    authorIndex: 44,
    votes: 5,
    state: 'open',
    pinned: false,
    askedMsAgo: 7 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Quel lait végétal mousse le mieux pour un cappuccino ?',
    authorIndex: 9,
    votes: 2,
    state: 'open',
    pinned: false,
    askedMsAgo: 5 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'Comment équilibrer les protéines d’un repas pour un ado sportif ?',
    authorIndex: 61,
    votes: 1,
    state: 'open',
    pinned: false,
    askedMsAgo: 3 * MINUTE,
  },
  {
    community: 'maison-verte',
    session: 'dimanche-live',
    text: 'La recette du gâteau de ce soir sera-t-elle envoyée aux membres ?',
    authorIndex: 2,
    votes: 0,
    state: 'open',
    pinned: false,
    askedMsAgo: 1 * MINUTE,
  },
];

/** The review policy the demo wall links to (how testimonials are collected and checked). */
export const demoReviewPolicyUrl = 'https://maison-verte.example/avis-membres';

/** A seeded testimonial, in `maison-verte`. */
export interface DemoTestimonial {
  community: string;
  /** Index of the seeded member who wrote it (`demoMemberName(i)`). */
  authorIndex: number;
  rating: number;
  text: string;
  tags: string[];
  state: 'approved' | 'pending';
  /** Published (approved) this many days before the seeding time; submitted a day earlier. */
  daysAgo: number;
  /** The experience told, this many days before the seeding time. */
  experiencedDaysAgo: number;
  disclosure: Disclosure;
  imageFlags: ('retouchee' | 'virtuelle')[];
  /** Whether the author consented to publish their name. */
  publishName: boolean;
  /**
   * A generated photo (a flat illustration the seed draws): its hue (0–359), size and alt
   * text; `null` without a photo.
   */
  photo: { hue: number; width: number; height: number; alt: string } | null;
}

const TESTIMONIAL_TEXTS: readonly [string, string[]][] = [
  [
    'Le curry de lentilles corail du live de dimanche est devenu notre plat du lundi. Les enfants en redemandent.',
    ['plats', 'famille'],
  ],
  [
    'J’avais peur de rater le levain : avec les conseils du cercle, ma première miche a levé du premier coup.',
    ['pain'],
  ],
  [
    'Des recettes simples, testées pour de vrai, et des réponses en moins d’une heure quand on bloque.',
    ['entraide'],
  ],
  [
    'La mayonnaise à l’aquafaba, enfin réussie. Merci à Inès pour l’astuce du citron en dernier.',
    ['bases'],
  ],
  [
    'Le gâteau au chocolat sans œufs a fait l’unanimité à l’anniversaire de ma fille.',
    ['desserts', 'famille'],
  ],
  [
    'Très bonne communauté, mais j’aimerais plus de recettes rapides pour le soir en semaine.',
    ['plats'],
  ],
  [
    'Les lives sont un vrai rendez-vous : on cuisine en même temps que la cheffe et on pose nos questions.',
    ['lives'],
  ],
  [
    'J’ai réduit ma viande de moitié sans frustration, grâce aux menus de la semaine partagés ici.',
    ['plats', 'menus'],
  ],
  [
    'Le pain aux graines du jeudi pain est d’une régularité parfaite depuis que je suis la méthode.',
    ['pain'],
  ],
  [
    'Bonne ambiance, bienveillance, pas de jugement : on peut débuter sans se sentir perdu.',
    ['entraide'],
  ],
  ['La crème brûlée au lait de coco : je n’y croyais pas, et pourtant.', ['desserts']],
  ['Quelques recettes demandent des ingrédients difficiles à trouver en petite ville.', ['bases']],
  [
    'Le houmous de betterave a volé la vedette à l’apéro. Recette notée dans mon carnet.',
    ['apero'],
  ],
  [
    'J’apprécie que les réponses de la cheffe soient précises, avec les grammages et les temps.',
    ['lives'],
  ],
  ['Les tartes salées sans œufs tiennent parfaitement à la découpe, bluffant.', ['plats']],
];

/** ~40 approved testimonials (varied ratings, tags, some photos, some disclosed) and 3 pending ones. */
export const demoTestimonials: readonly DemoTestimonial[] = Array.from({ length: 43 }, (_, i) => {
  const [text, tags] = TESTIMONIAL_TEXTS[i % TESTIMONIAL_TEXTS.length]!;
  const pending = i >= 40;
  const rating = [5, 5, 4, 5, 3, 4, 5, 2, 5, 4, 1, 5, 4, 3, 5][i % 15]!;
  return {
    community: 'maison-verte',
    // Members 0–29 joined at least 135 days before the seed, before any testimonial was published.
    authorIndex: (i * 7) % 30,
    rating,
    text:
      i >= TESTIMONIAL_TEXTS.length
        ? `${text} (${Math.floor(i / TESTIMONIAL_TEXTS.length) + 1}ᵉ avis sur ce sujet)`
        : text,
    tags,
    state: pending ? 'pending' : 'approved',
    daysAgo: pending ? 0 : 2 + i * 3,
    experiencedDaysAgo: (pending ? 1 : 3 + i * 3) + (i % 4),
    disclosure: i % 9 === 4 ? 'collaboration-commerciale' : i % 13 === 6 ? 'publicite' : 'none',
    imageFlags: i % 9 === 4 ? ['retouchee'] : i === 17 ? ['virtuelle'] : [],
    publishName: i % 11 !== 7,
    photo:
      i % 3 === 0
        ? {
            hue: (i * 47) % 360,
            width: i % 2 ? 800 : 640,
            height: i % 2 ? 600 : 800,
            alt: `Photo du plat de l’avis : ${tags.join(', ')}`,
          }
        : null,
  };
});

/** A seeded offer. Unique-code pools are generated by the seed (`codes` codes). */
export interface DemoOffer {
  community: string;
  id: string;
  title: string;
  benefit: string;
  conditions: string;
  /** Expires this many days after the seeding time. */
  expiresInDays: number;
  disclosure: Disclosure;
  kind: 'shared' | 'unique';
  /** Unique offers: how many codes the seed generates (random, never in this file). */
  codes: number;
}

export const demoOffers: readonly DemoOffer[] = [
  {
    community: 'maison-verte',
    id: 'bienvenue-10',
    title: 'Bienvenue dans le cercle',
    benefit: '-10 % sur votre première commande',
    conditions: 'Un code par membre, valable une fois, dès 30 € d’achat, hors coffrets cadeaux.',
    expiresInDays: 30,
    disclosure: 'publicite',
    kind: 'unique',
    codes: 200,
  },
  {
    community: 'maison-verte',
    id: 'livraison-offerte',
    title: 'Livraison offerte',
    benefit: 'Livraison offerte sans minimum',
    conditions: 'Pour les membres du cercle, jusqu’à la fin du mois.',
    expiresInDays: 14,
    disclosure: 'publicite',
    kind: 'shared',
    codes: 0,
  },
];
