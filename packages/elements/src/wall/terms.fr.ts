/** The French terms of <cercle-wall>, loaded with the rest of the French locale. */
import type { WallTerms } from './terms.js';

const number = new Intl.NumberFormat('fr');
const decimal = new Intl.NumberFormat('fr', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthYear = new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric' });
const day = new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric' });
const utcDay = new Intl.DateTimeFormat('fr', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** French typography: a no-break space before « : », inside « ». */
const nb = '\u00a0';
/** A narrow no-break space before « ! ? ». */
const thin = '\u202f';

/** The words French law (loi 2023-451) asks for, on a French page. */
const disclosures = {
  publicite: 'Publicité',
  'collaboration-commerciale': 'Collaboration commerciale',
} as const;
const flags = { retouchee: 'Image retouchée', virtuelle: 'Image virtuelle' } as const;
const states = {
  pending: 'En attente de modération',
  approved: 'Publié',
  rejected: 'Refusé',
  removed: 'Retiré',
} as const;

export const wallFR = {
  wallEyebrow: 'Avis des membres',
  wallLoading: 'Chargement des avis…',
  wallAverage: (average) => `${decimal.format(average)} / 5`,
  wallAverageLabel: (average) => `Note moyenne de ${decimal.format(average)} sur 5`,
  wallCount: (n) => (n <= 1 ? `${n} avis d’un membre` : `${number.format(n)} avis de membres`),
  wallEmpty: 'Aucun avis pour l’instant.',
  wallEmptyFiltered: 'Aucun avis ne correspond encore à ces filtres.',
  wallRated: (rating) => `Noté ${rating} sur 5`,
  wallAMember: 'Un membre',
  wallMemberSince: (date) => `Membre depuis ${monthYear.format(date)}`,
  wallVerified: 'Membre vérifié',
  wallVerifiedHow: 'avis écrit en tant que membre du cercle',
  wallNotVerified: 'Adhésion non vérifiée',
  wallExperienced: (date) => `Expérience du ${utcDay.format(date)}`,
  wallPublished: (date) => `Publié le ${day.format(date)}`,
  wallDisclosure: (d) => disclosures[d],
  wallImageFlag: (flag) => flags[flag],
  wallReadMore: 'Lire la suite',
  wallReadLess: 'Réduire',
  wallTags: 'Étiquettes',
  wallLoadMore: 'Afficher plus d’avis',
  wallLoadingMore: 'Chargement d’autres avis…',
  wallPolicy: `Les avis sont écrits par des membres du cercle, dont l’adhésion est vérifiée, et lus par l’hôte avant publication. Ils sont publiés tels quels et jamais rémunérés, sauf mention «${nb}Publicité${nb}» ou «${nb}Collaboration commerciale${nb}».`,
  wallPolicyLink: 'Comment les avis sont collectés et contrôlés',

  wallCarousel: 'Avis des membres',
  wallSlide: (index, total) => `${number.format(index)} sur ${number.format(total)}`,
  wallPrevious: 'Avis précédent',
  wallNext: 'Avis suivant',
  wallPause: 'Pause',
  wallPlay: 'Lecture',

  wallReportTitle: 'Signaler cet avis',

  wallShare: 'Partager votre expérience',
  wallShareCall: 'Les avis sont écrits par les membres du cercle.',
  wallWaitlistCall: `Vous êtes sur la liste d’attente${nb}: vous pourrez partager votre expérience dès qu’une place se libère.`,
  wallFormTitle: 'Votre avis',
  wallRating: 'Votre note',
  wallStars: (n) => (n === 1 ? '1 étoile' : `${n} étoiles`),
  wallText: 'Votre expérience',
  wallTextHint: `Qu’avez-vous cuisiné, essayé, appris${thin}? Vos mots sont publiés tels quels.`,
  wallPhoto: 'Une photo de votre réalisation',
  wallPhotoHint: (maxMb) =>
    `JPEG, PNG ou WebP, jusqu’à ${maxMb}${nb}Mo. Pas de photo de personnes, merci.`,
  wallPhotoRemove: 'Retirer la photo',
  wallPhotoAlt: 'Décrivez la photo',
  wallPhotoAltHint: `Pour les personnes qui ne la voient pas, par exemple «${nb}Une miche au levain, coupée${nb}».`,
  wallPhotoPreview: 'Aperçu de votre photo',
  wallPublishAs: 'Publier mon avis',
  wallPublishName: 'Avec mon nom affiché',
  wallPublishAnonymous: `Anonymement (il indique «${nb}Un membre${nb}»)`,
  wallPublishRequired: 'Choisissez de publier votre avis avec votre nom ou anonymement.',
  wallPhotoDrop: 'Déposez une photo ici, ou',
  wallPhotoChoose: 'choisissez un fichier',
  wallConsentPhoto: 'Publier ma photo avec mon avis',
  wallSubmit: 'Envoyer mon avis',
  wallSubmitting: 'Envoi…',
  wallRatingRequired: 'Choisissez une note de 1 à 5 étoiles.',
  wallTextRequired: 'Écrivez quelques mots sur votre expérience.',
  wallTextTooLong: (max) => `Un avis fait au plus ${number.format(max)} caractères.`,
  wallPhotoType: 'Ce fichier n’est pas une image JPEG, PNG ou WebP.',
  wallPhotoTooLarge: (maxMb) => `Cette photo est trop lourde${nb}: ${maxMb}${nb}Mo au plus.`,
  wallAltRequired: 'Décrivez la photo pour les personnes qui ne la voient pas.',
  wallPhotoConsentRequired: 'Cochez cette case pour publier la photo, ou retirez la photo.',
  wallSubmitError: `Votre avis n’est pas parti. Rien de ce que vous avez écrit n’est perdu${nb}: réessayez.`,
  wallSubmittedPending: `Merci${thin}! Votre avis apparaîtra dès que l’hôte l’aura lu.`,
  wallSubmittedApproved: `Merci${thin}! Votre avis est publié.`,
  wallJoinedCall: `Bienvenue${nb}: partagez votre expérience ci-dessous.`,

  wallMine: 'Vos avis',
  wallState: (state) => states[state],
  wallRefused: (statement) => `Refusé${nb}: ${statement}`,
  wallWithdraw: 'Retirer',
  wallWithdrawConfirm: `Retirer cet avis${thin}? Il sera supprimé partout.`,
  wallWithdrawConfirmButton: 'Le retirer',
  wallWithdrawing: 'Retrait…',
  wallWithdrawn: 'Votre avis a été retiré.',
} satisfies WallTerms;
