/** The French terms of <cercle-qa>, loaded with the rest of the French locale. */
import type { QaTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const plural = new Intl.PluralRules('fr');
const count = (n: number, one: string, other: string): string =>
  `${number.format(n)} ${plural.select(n) === 'one' ? one : other}`;
/** French typography: a narrow no-break space before « ! ? », a no-break space before « : ». */
const nb = '\u202f';

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

export const qaFR = {
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

  reportTitle: 'Signaler cette question',
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
  voteRateLimited: (seconds) =>
    seconds
      ? `Vous votez très vite. Réessayez dans ${number.format(seconds)}\u00a0s.`
      : 'Vous votez très vite. Réessayez dans un instant.',
  askRateLimited: (seconds) =>
    seconds
      ? `Vous posez des questions très vite. Réessayez dans ${number.format(seconds)}\u00a0s.`
      : 'Vous posez des questions très vite. Réessayez dans un instant.',
  errorMissingSession: `Ce widget a besoin d’une session\u00a0: ajoutez session="votre-session" à sa balise.`,
} satisfies QaTerms;
