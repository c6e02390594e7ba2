/**
 * The host console's offers tab: for each offer of the community, its funnel (teaser views,
 * reveals, copies, orders), flagged orders, attributable revenue and the latest orders with
 * the member each one is attributed to. Never a code: the funnel does not carry any.
 */
import type { CercleClient, OfferFunnel, RedemptionFlag } from '@cercle/client';
import { $, date, dateTime, h } from './host-ui.js';

export interface OffersContext {
  community: string;
  /** The offers to follow (the demo's, for the playground). */
  offers: readonly string[];
  client: () => CercleClient;
  hostKey: () => string;
}

const KIND_LABEL: Record<OfferFunnel['offer']['kind'], string> = {
  unique: 'Codes uniques',
  shared: 'Code partagé',
};
const STATUS_LABEL: Record<OfferFunnel['offer']['status'], string> = {
  active: 'Active',
  expired: 'Expirée',
  exhausted: 'Épuisée',
  paused: 'En pause',
};
const DISCLOSURE_LABEL: Record<OfferFunnel['offer']['disclosure'], string> = {
  none: 'Sans mention',
  publicite: 'Publicité',
  'collaboration-commerciale': 'Collaboration commerciale',
};
const FLAG_LABEL: Record<RedemptionFlag, string> = {
  duplicate: 'code déjà utilisé',
  after_expiry: 'après expiration',
  unknown_code: 'code inconnu',
};

const number = new Intl.NumberFormat('fr-FR');
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(amount);
const share = (part: number, whole: number) =>
  whole === 0 ? '' : ` (${Math.round((part / whole) * 100)} %)`;

function offerCard(f: OfferFunnel): HTMLElement {
  const titleId = `offer-${f.offer.id}-title`;
  const steps: [number, string, string][] = [
    [f.teaserViews, 'vues du teaser', ''],
    [f.reveals, 'codes révélés', share(f.reveals, f.teaserViews)],
    [f.copies, 'copies', share(f.copies, f.reveals)],
    // Orders include flagged ones and codes nobody revealed: no rate against reveals.
    [f.redemptions, 'commandes', ''],
  ];
  const codes =
    f.offer.codesTotal === null
      ? 'un code partagé'
      : `${number.format(f.offer.codesRemaining ?? 0)} codes restants sur ${number.format(f.offer.codesTotal)}`;
  const revenue =
    f.revenue.length === 0
      ? money(0, 'EUR')
      : f.revenue.map((r) => money(r.amount, r.currency)).join(' + ');

  const recent =
    f.recent.length === 0
      ? h('p', { class: 'empty' }, 'Aucune commande pour l’instant.')
      : h(
          'table',
          { class: 'redemptions' },
          h('caption', {}, 'Dernières commandes'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Commande', 'Date', 'Membre', 'Montant', 'Signalement'].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...f.recent.map((r) =>
              h(
                'tr',
                { 'data-flagged': r.flags.length > 0 ? 'true' : undefined },
                h('td', {}, r.orderId),
                h(
                  'td',
                  {},
                  h('time', { datetime: r.orderedAt }, dateTime.format(new Date(r.orderedAt))),
                ),
                h('td', {}, r.memberId ? h('code', {}, r.memberId) : 'non attribuée'),
                h('td', { class: 'amount' }, money(r.amount, r.currency)),
                h('td', {}, r.flags.map((flag) => FLAG_LABEL[flag]).join(', ') || '—'),
              ),
            ),
          ),
        );

  return h(
    'section',
    { class: 'offer', 'data-id': f.offer.id, 'aria-labelledby': titleId },
    h('h3', { id: titleId }, f.offer.title),
    h(
      'p',
      { class: 'offer-meta' },
      h('span', { class: 'badge', 'data-status': f.offer.status }, STATUS_LABEL[f.offer.status]),
      ' ',
      h('span', { class: 'badge' }, DISCLOSURE_LABEL[f.offer.disclosure]),
      ' ',
      h('span', { class: 'badge' }, KIND_LABEL[f.offer.kind]),
      ` ${f.offer.benefit} · expire le ${date.format(new Date(f.offer.expiresAt))} · ${codes}`,
    ),
    h(
      'ol',
      { class: 'funnel', 'aria-label': `Parcours de « ${f.offer.title} »` },
      ...steps.map(([n, label, rate]) =>
        h(
          'li',
          {},
          h('span', { class: 'n' }, number.format(n)),
          h('span', { class: 'step' }, `${label}${rate}`),
        ),
      ),
    ),
    h(
      'dl',
      { class: 'facts offer-facts' },
      h(
        'div',
        {},
        h('dt', {}, 'Chiffre d’affaires attribuable'),
        h('dd', { class: 'revenue' }, revenue),
      ),
      h(
        'div',
        {},
        h('dt', {}, 'Commandes signalées'),
        h('dd', { class: 'flagged' }, number.format(f.flagged)),
      ),
    ),
    recent,
  );
}

export function offersTab(ctx: OffersContext) {
  const list = $('offer-list');

  async function load(): Promise<void> {
    const funnels = await Promise.all(
      ctx.offers.map(async (offer) => {
        const { data } = await ctx.client().request('offerFunnel', {
          params: { community: ctx.community, offer },
          hostKey: ctx.hostKey(),
        });
        return data;
      }),
    );
    list.replaceChildren(...funnels.map(offerCard));
  }

  return { load };
}
