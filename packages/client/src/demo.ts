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
export function demoMemberName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
}
