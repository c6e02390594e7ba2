/** The demo offers (`demoOffers`), seeded once into their communities, with random codes. */
import { demoOffers } from '@cercle/client/demo';
import { getCommunity } from '../membership/rules.js';
import { addCodes, findOffer, randomCode, writeOffer } from '../offers/rules.js';
import type { Store } from '../store/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

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
export async function seedDemoOffers(store: Store, now: Date): Promise<void> {
  for (const demo of demoOffers) {
    await store.write(demo.community, async (tx) => {
      if (!(await getCommunity(tx, demo.community))) return;
      if (await findOffer(tx, demo.community, demo.id)) return;
      const prefix = codePrefix(demo.community, demo.id);
      await writeOffer(
        tx,
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
        await addCodes(tx, demo.community, demo.id, [...codes]);
      }
    });
  }
}
