/** The demo offers (`demoOffers`), seeded once into `maison-verte`, with random codes. */
import { randomInt } from 'node:crypto';
import { demoOffers } from '@cercle/client/demo';
import type { Db } from './db.js';
import { findOffer, importCodes, putOffer } from './offers.js';
import { getCommunity } from './store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code: the prefix, then 8 characters of ALPHABET (31⁸ ≈ 8.5 × 10¹¹ possibilities). */
export function randomCode(prefix: string): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return prefix + tail;
}

/** `maison-verte` + `bienvenue-10` → `MV10-`: the community's initials and the offer's digits. */
const codePrefix = (community: string, offer: string): string =>
  `${community
    .split('-')
    .map((w) => w[0] ?? '')
    .join('')
    .toUpperCase()}${offer.replace(/\D/g, '')}-`;

/**
 * Seeds each demo offer whose community exists and which does not exist yet: a unique offer
 * gets a pool of `codes` random codes, a shared one a random code; both expire
 * `expiresInDays` after `now`. Idempotent: an existing offer is left alone.
 */
export function seedDemoOffers(db: Db, now: Date): void {
  for (const demo of demoOffers) {
    if (!getCommunity(db, demo.community) || findOffer(db, demo.community, demo.id)) continue;
    const prefix = codePrefix(demo.community, demo.id);
    db.transaction(() => {
      putOffer(
        db,
        demo.community,
        demo.id,
        {
          title: demo.title,
          benefit: demo.benefit,
          conditions: demo.conditions,
          expiresAt: new Date(now.getTime() + demo.expiresInDays * DAY_MS).toISOString(),
          disclosure: demo.disclosure,
          kind: demo.kind,
          ...(demo.kind === 'shared' ? { sharedCode: randomCode(prefix) } : {}),
        },
        now,
      );
      if (demo.kind === 'unique') {
        const codes = new Set<string>();
        while (codes.size < demo.codes) codes.add(randomCode(prefix));
        importCodes(db, demo.community, demo.id, [...codes]);
      }
    }).immediate();
  }
}
