/** Français — loaded on demand (`import()`) when a widget resolves to `fr`. */
import type { CercleTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const plural = new Intl.PluralRules('fr');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;
/** French typography: a narrow no-break space before « ! ? », a no-break space before « : ». */
const nb = '\u202f';

const kinds = {
  discord: 'Discord',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  circle: 'Circle',
  slack: 'Slack',
  web: 'Site web',
} as const;

const fr = {
  $code: 'fr',
  $name: 'Français',
  $dir: 'ltr',

  loading: 'Chargement de la communauté…',
  community: 'Communauté',
  membersCount: (n) => count(n, 'membre', 'membres'),
  placesLeft: (n) => (n > 0 ? count(n, 'place restante', 'places restantes') : 'Plus aucune place'),
  waitlistOpen: 'Complet\u00a0: la liste d’attente est ouverte',

  displayName: 'Nom affiché',
  displayNameHint: 'Visible par les autres membres.',
  email: 'E-mail',
  optional: 'facultatif',
  emailHint: (community) => `Uniquement pour que ${community} puisse vous écrire. Jamais affiché.`,
  consent: (community) =>
    `J’accepte que ${community} conserve mon nom affiché et mon e-mail pour faire vivre cette communauté. Je peux partir et les effacer à tout moment.`,
  privacyPolicy: 'Politique de confidentialité',
  opensInNewTab: '(s’ouvre dans un nouvel onglet)',
  join: 'Rejoindre le cercle',
  joinWaitlist: 'Rejoindre la liste d’attente',
  joining: 'Inscription…',

  nameRequired: 'Saisissez un nom affiché.',
  nameTooLong: (max) => `${number.format(max)} caractères au maximum.`,
  emailInvalid: 'Saisissez une adresse e-mail valide, ou laissez le champ vide.',
  consentRequired: `Cochez cette case pour rejoindre le cercle\u00a0: rien n’est envoyé sans votre accord.`,

  welcome: (name) => `Bienvenue, ${name}${nb}!`,
  joinedIntro: (community) => `Vous êtes membre de ${community}. Retrouvez les autres ici\u00a0:`,
  noInvites: 'Votre hôte partagera très bientôt où se retrouver.',
  invitesLoading: 'Chargement de vos invitations…',
  inviteKind: (kind) => kinds[kind],
  waitlisted: (position) =>
    position
      ? `Vous êtes n°\u00a0${number.format(position)} sur la liste d’attente.`
      : 'Vous êtes sur la liste d’attente.',
  waitlistedHint: 'Nous vous ferons entrer dès qu’une place se libère.',
  joinedAnnouncement: (community) => `Vous avez rejoint ${community}.`,
  waitlistedAnnouncement: (community, position) =>
    position
      ? `Vous êtes sur la liste d’attente de ${community}, n°\u00a0${number.format(position)}.`
      : `Vous êtes sur la liste d’attente de ${community}.`,
  full: 'Ce cercle est complet et n’accueille pas de nouveaux membres pour le moment.',

  leave: 'Quitter le cercle',
  leaveWaitlist: 'Quitter la liste d’attente',
  leaveConfirm: (community) =>
    `Quitter ${community}${nb}? Votre adhésion et les données qui vous concernent seront effacées.`,
  leaveConfirmButton: 'Quitter et effacer mes données',
  cancel: 'Annuler',
  leaving: 'Départ…',
  left: (community) => `Vous avez quitté ${community}. Vos données ont été effacées.`,

  openJoin: 'Rejoindre le cercle',
  memberTrigger: 'Vous êtes membre',
  waitlistTrigger: 'Sur liste d’attente',
  close: 'Fermer',
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
} satisfies CercleTerms;

export default fr;
