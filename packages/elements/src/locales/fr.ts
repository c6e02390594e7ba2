/** Français — loaded on demand (`import()`) when a widget resolves to `fr`. */
import type { CommonTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const plural = new Intl.PluralRules('fr');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;
/** French typography: a narrow no-break space before « ! ? », a no-break space before « : ». */
const nb = '\u202f';

const reasons = {
  spam: 'Spam ou publicité',
  harassment: 'Harcèlement ou insultes',
  hate: 'Discours haineux',
  misinformation: 'Fausse information',
  illegal: 'Contenu illicite',
  off_topic: 'Hors sujet',
  other: 'Autre chose',
} as const;

const time = new Intl.DateTimeFormat('fr', { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('fr', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});
const relative = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' });
const two = (n: number) => String(n).padStart(2, '0');

/** « 2 h 05 min 09 s » sous un jour ; « dans 3 jours » au-delà. */
const countdown = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  if (s >= 86_400) return relative.format(Math.round(s / 86_400), 'day');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `dans ${h}\u00a0h ${two(m)}\u00a0min ${two(sec)}\u00a0s`;
  if (m > 0) return `dans ${m}\u00a0min ${two(sec)}\u00a0s`;
  return `dans ${sec}\u00a0s`;
};

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

  qaEyebrow: 'Questions en direct',
  qaLoading: 'Chargement des questions…',
  sessionLive: 'En direct',
  sessionScheduled: 'À venir',
  sessionEnded: 'Terminé',
  startsIn: (ms) => (ms > 0 ? `Commence ${countdown(ms)}` : 'Commence d’un instant à l’autre'),
  startsAt: (date) => dateTime.format(date),
  endedNote: 'Cette session est terminée. Les questions et les votes sont fermés.',
  questionsCount: (n) => (n === 0 ? 'Aucune question' : count(n, 'question', 'questions')),
  sortLabel: 'Trier les questions',
  sortTop: 'Populaires',
  sortNew: 'Récentes',

  askLabel: 'Votre question',
  askHint: 'Restez bref\u00a0: l’hôte répond d’abord aux plus votées.',
  counter: (length, max) => `${number.format(length)} / ${number.format(max)}`,
  charactersLeft: (n) =>
    n > 0
      ? plural.select(n) === 'one'
        ? `${number.format(n)} caractère restant`
        : `${number.format(n)} caractères restants`
      : 'Plus aucun caractère',
  askAnonymously: 'Poser anonymement',
  anonymousHint: 'Seul l’hôte voit votre nom.',
  ask: 'Poser la question',
  asking: 'Envoi…',
  askEmpty: 'Écrivez d’abord votre question.',
  askTooLong: (max) => `Une question fait au plus ${number.format(max)} caractères.`,
  askPosted: 'Votre question est sur le tableau.',
  askPending: `Merci${nb}! Votre question apparaîtra dès que l’hôte l’aura validée.`,

  anonymous: 'Anonyme',
  you: 'vous',
  askedAt: (date) => time.format(date),
  voteLabel: (votes) => `Voter pour cette question, ${count(votes, 'vote', 'votes')}`,
  voteCount: (votes) => number.format(votes),
  pinned: 'Épinglée',
  answered: 'Répondue',
  hostAnswer: 'La réponse de l’hôte',

  report: 'Signaler',
  reportTitle: 'Signaler cette question',
  reportReason: 'Motif',
  reportReasonLabel: (reason) => reasons[reason],
  reportDetails: 'Précisions',
  reportSend: 'Envoyer le signalement',
  reportSending: 'Envoi…',
  reportThanks: 'Merci, l’hôte va l’examiner.',

  joinToAsk: 'Rejoindre pour poser et voter',
  joinCall: 'Poser des questions et voter est réservé aux membres du cercle.',
  waitlistCall:
    'Vous êtes sur la liste d’attente\u00a0: vous pourrez poser et voter dès qu’une place se libère.',
  joinToVote: 'Rejoignez le cercle pour voter.',
  joinedCall: `C’est fait\u00a0: posez vos questions et votez${nb}!`,

  showPending: (n) =>
    n > 0
      ? `${number.format(n)} ${plural.select(n) === 'one' ? 'nouvelle' : 'nouvelles'} — afficher`
      : 'Nouvel ordre — afficher',
  newQuestions: (n) => count(n, 'nouvelle question', 'nouvelles questions'),
  loadMore: 'Afficher plus de questions',
  loadingMore: 'Chargement de questions…',
  empty: 'Pas encore de question — posez la première.',
  emptyVisitor: 'Pas encore de question.',
  emptyEnded: 'Aucune question n’a été posée.',

  reconnecting: 'Reconnexion… Le tableau se mettra à jour tout seul.',
  offline: 'Vous êtes hors ligne. Le tableau se mettra à jour à votre retour.',
  streamClosed: 'Les mises à jour en direct sont arrêtées.',
  reconnect: 'Se reconnecter',

  sessionNotFound: 'Cette session en direct n’existe pas.',
  actionEnded: 'Cette session est terminée\u00a0: les questions et les votes sont fermés.',
  membersOnly: 'Seuls les membres du cercle peuvent le faire.',
  voteRateLimited: (seconds) =>
    seconds
      ? `Vous votez très vite. Réessayez dans ${number.format(seconds)}\u00a0s.`
      : 'Vous votez très vite. Réessayez dans un instant.',
  askRateLimited: (seconds) =>
    seconds
      ? `Vous posez des questions très vite. Réessayez dans ${number.format(seconds)}\u00a0s.`
      : 'Vous posez des questions très vite. Réessayez dans un instant.',
  errorMissingSession: `Ce widget a besoin d’une session\u00a0: ajoutez session="votre-session" à sa balise.`,
} satisfies CommonTerms;

export default fr;
