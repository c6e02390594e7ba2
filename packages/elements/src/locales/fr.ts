/** Français — loaded on demand (`import()`) when a widget resolves to `fr`. */
import type { CommonTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');

const reasons = {
  spam: 'Spam ou publicité',
  harassment: 'Harcèlement ou insultes',
  hate: 'Discours haineux',
  misinformation: 'Fausse information',
  illegal: 'Contenu illicite',
  off_topic: 'Hors sujet',
  other: 'Autre chose',
} as const;

const fr = {
  $code: 'fr',
  $name: 'Français',
  $dir: 'ltr',

  loading: 'Chargement de la communauté…',

  optional: 'facultatif',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',

  cancel: 'Annuler',

  retry: 'Réessayer',

  errorOffline: 'Vous semblez hors ligne. Vérifiez votre connexion et réessayez.',
  errorNetwork: 'Impossible de joindre la communauté. Vérifiez votre connexion et réessayez.',
  errorTimeout: 'La communauté met trop de temps à répondre. Réessayez.',
  errorNotFound: 'Cette communauté n’existe pas.',
  errorRateLimited: (seconds) =>
    seconds
      ? `Trop de tentatives. Réessayez dans ${number.format(seconds)}\u00a0s.`
      : 'Trop de tentatives. Réessayez dans un instant.',
  errorFull: 'Le cercle vient d’être complet.',
  errorInvalidResponse: 'La communauté a répondu de façon inattendue. Réessayez plus tard.',
  errorServer: 'Un problème est survenu de notre côté. Réessayez.',
  errorUnknown: 'Un problème est survenu. Réessayez.',
  errorMissingCommunity: `Ce widget a besoin d’une communauté\u00a0: ajoutez community="votre-communaute" à sa balise.`,
  errorNoApi: 'Aucune API Cercle n’est configurée pour cette page.',

  counter: (length, max) => `${number.format(length)} / ${number.format(max)}`,
  report: 'Signaler',
  reportReason: 'Motif',
  reportReasonLabel: (reason) => reasons[reason],
  reportDetails: 'Précisions',
  reportSend: 'Envoyer le signalement',
  reportSending: 'Envoi…',
  reportThanks: 'Merci, l’hôte va l’examiner.',
  membersOnly: 'Seuls les membres du cercle peuvent le faire.',
} satisfies CommonTerms;

export default fr;
