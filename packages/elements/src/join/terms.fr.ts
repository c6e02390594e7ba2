/** The French terms of <cercle-join>, loaded with the rest of the French locale. */
import type { JoinTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const plural = new Intl.PluralRules('fr');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;
/** French typography: a narrow no-break space before « ! ? ; », a no-break space before « : ». */
const thin = '\u202f';
const nb = '\u00a0';

const kinds = {
  discord: 'Discord',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  circle: 'Circle',
  slack: 'Slack',
  web: 'Site web',
} as const;

export const joinFR = {
  community: 'Communauté',
  membersCount: (n) => count(n, 'membre', 'membres'),
  placesLeft: (n) => (n > 0 ? count(n, 'place restante', 'places restantes') : 'Plus aucune place'),
  waitlistOpen: `Complet${nb}: la liste d’attente est ouverte`,

  displayName: 'Nom affiché',
  displayNameHint: 'Visible par les autres membres.',
  email: 'E-mail',
  emailHint: (community) => `Uniquement pour que ${community} puisse vous écrire. Jamais affiché.`,
  consent: (community) =>
    `J’accepte que ${community} conserve mon nom affiché et mon e-mail pour faire vivre cette communauté. Je peux partir et les effacer à tout moment.`,
  privacyPolicy: 'Politique de confidentialité',
  join: 'Rejoindre le cercle',
  joinWaitlist: 'Rejoindre la liste d’attente',
  joining: 'Inscription…',

  nameRequired: 'Saisissez un nom affiché.',
  nameTooLong: (max) => `${number.format(max)} caractères au maximum.`,
  emailInvalid: 'Saisissez une adresse e-mail valide, ou laissez le champ vide.',
  consentRequired: `Cochez cette case pour rejoindre le cercle${nb}: rien n’est envoyé sans votre accord.`,

  welcome: (name) => `Bienvenue, ${name}${thin}!`,
  joinedIntro: (community) => `Vous êtes membre de ${community}. Retrouvez les autres ici${nb}:`,
  noInvites: 'Votre hôte partagera très bientôt où se retrouver.',
  invitesLoading: 'Chargement de vos invitations…',
  inviteKind: (kind) => kinds[kind],
  waitlisted: (position) =>
    position
      ? `Vous êtes n°${nb}${number.format(position)} sur la liste d’attente.`
      : 'Vous êtes sur la liste d’attente.',
  waitlistedHint: 'Nous vous ferons entrer dès qu’une place se libère.',
  joinedAnnouncement: (community) => `Vous avez rejoint ${community}.`,
  waitlistedAnnouncement: (community, position) =>
    position
      ? `Vous êtes sur la liste d’attente de ${community}, n°${nb}${number.format(position)}.`
      : `Vous êtes sur la liste d’attente de ${community}.`,
  full: 'Ce cercle est complet et n’accueille pas de nouveaux membres pour le moment.',

  leave: 'Quitter le cercle',
  leaveWaitlist: 'Quitter la liste d’attente',
  leaveConfirm: (community) =>
    `Quitter ${community}${thin}? Votre adhésion et les données qui vous concernent seront effacées.`,
  leaveConfirmButton: 'Quitter et effacer mes données',
  leaving: 'Départ…',
  leftCircle: `Vous avez quitté le cercle${thin}; vos données ont été effacées.`,

  openJoin: 'Rejoindre le cercle',
  memberTrigger: 'Vous êtes membre',
  waitlistTrigger: 'Sur liste d’attente',
  close: 'Fermer',
} satisfies JoinTerms;
