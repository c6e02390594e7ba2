/** The French terms of <cercle-promo>, loaded with the rest of the French locale. */
import type { PromoTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const date = new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric' });
const dateTime = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeStyle: 'short' });
/** French typography: a no-break space before « : » and before a unit. */
const nb = '\u00a0';
const two = (n: number) => String(n).padStart(2, '0');

/** « 3 jours » à partir de deux jours, « 1 jour », puis « 02:14:09 » sous un jour. */
const remaining = (ms: number): string => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s >= 86_400) {
    const n = Math.floor(s / 86_400);
    return `${number.format(n)}${nb}${n < 2 ? 'jour' : 'jours'}`;
  }
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
};

export const promoFR = {
  promoLoading: 'Chargement de l’offre…',
  promoEyebrow: 'Offre membres',
  promoDisclosure: (disclosure) =>
    disclosure === 'collaboration-commerciale' ? 'Collaboration commerciale' : 'Publicité',
  promoEndsIn: (ms) => `Se termine dans ${remaining(ms)}`,
  promoEndsAt: (d) => dateTime.format(d),
  promoLocked: `Réservé aux membres${nb}: rejoignez le cercle pour débloquer votre code`,
  promoJoin: 'Rejoindre pour débloquer',
  promoWaitlisted: `Vous êtes sur la liste d’attente${nb}: votre code se débloque dès que vous entrez dans le cercle.`,
  promoUnlocked: `Vous êtes membre${nb}: votre code est prêt.`,
  promoReveal: 'Afficher mon code',
  promoRevealing: 'Affichage…',
  promoRevealed: 'Votre code est affiché. Copiez-le et utilisez-le lors du paiement.',
  promoCodeLabel: 'Votre code',
  promoCopy: 'Copier',
  promoCopied: 'Copié',
  promoCopiedAnnouncement: 'Code copié.',
  promoCopyManually: `Le code est sélectionné${nb}: appuyez sur Ctrl+C / ⌘C pour le copier.`,
  promoValidUntil: (d) => `À utiliser lors du paiement jusqu’au ${date.format(d)}.`,
  promoExpired: (d) => `Cette offre s’est terminée le ${date.format(d)}.`,
  promoExhausted: 'Tous les codes ont été attribués.',
  promoExhaustedHint: 'Les membres qui ont déjà affiché le leur peuvent toujours l’utiliser.',
  promoPaused: 'Cette offre est en pause pour le moment.',
  promoPausedHint: 'Les membres qui ont déjà affiché leur code peuvent toujours l’utiliser.',
  promoRateLimited: (seconds) => `Trop d’essais, réessayez dans ${number.format(seconds)}${nb}s.`,
  promoNotFound: `Cette offre n’existe pas.`,
  promoMembersOnly: 'Seuls les membres du cercle peuvent afficher ce code.',
  errorMissingOffer: `Ce widget a besoin d’une offre${nb}: ajoutez offer="votre-offre" à sa balise.`,
} satisfies PromoTerms;
