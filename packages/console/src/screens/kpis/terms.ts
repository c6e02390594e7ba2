/** The KPI dashboard's terms (en, fr): tiles, their explanations, plots, range. */
import type { KpiGranularity, KpiSession, KpiTable } from '@cercle/client/admin';
import type { Dictionary } from '../../i18n.js';
import { trendsEn, trendsFr } from './trends-terms.js';

export type TileKey =
  | 'members'
  | 'active28'
  | 'activation'
  | 'stickiness'
  | 'churn'
  | 'submitted'
  | 'approval'
  | 'withPhoto'
  | 'rating'
  | 'reveals'
  | 'redemptions'
  | 'revenue';

const en = {
  title: 'KPIs',
  lede: 'How the community is doing over a range of days: members, activity, retention, testimonials and sales. Hosts are never counted; days are UTC.',
  range: 'Range',
  figures: 'Key figures',
  trends: 'Over time',
  from: 'From',
  to: 'To',
  show: 'Show',
  presets: 'Quick ranges',
  granularity: 'Group by',
  granularities: { day: 'Day', week: 'Week', month: 'Month' } satisfies Record<
    KpiGranularity,
    string
  >,
  preset: (n: number) => `Last ${n} days`,
  loading: 'Loading the figures…',
  failed: 'The figures could not be loaded.',
  rangeInvalid: 'This range cannot be shown.',
  showing: (from: string, to: string) => `Figures from ${from} to ${to} (UTC days, both included).`,
  suppressed: '< 5',
  suppressedHint:
    'Fewer than 5 members behind this figure: it is hidden so nobody can be singled out (k-anonymity).',
  none: '—',
  noneHint: 'Not enough history yet.',
  privacy: (k: number) =>
    `Any figure that comes from fewer than ${k} members shows as “< ${k}”: small groups are hidden (k-anonymity) so that exports and screenshots cannot single anyone out.`,
  tiles: {
    members: 'Members',
    active28: 'Active, 28 days',
    activation: 'Activation rate',
    stickiness: 'Stickiness',
    churn: 'Churn, 28 days',
    submitted: 'Testimonials submitted',
    approval: 'Testimonials approved',
    withPhoto: 'Testimonials with a photo',
    rating: 'Average rating',
    reveals: 'Codes revealed',
    redemptions: 'Redemptions',
    revenue: (currency: string) => `Revenue (${currency})`,
  },
  explain: {
    members:
      'Members on the last day, active or waitlisted. The size of your circle: everything else is measured against it.',
    active28:
      'Members who asked, voted, testified, reported or used a code in the 28 days ending on the last day. The people who are really there.',
    activation:
      'Active members (28 days) ÷ members. Low means many joined but few take part: worth a welcome or a live session.',
    stickiness:
      'Active on the last day ÷ active in 28 days. How often active members come back: a habit, or a visit now and then.',
    churn:
      'Members who left in the last 28 days ÷ members 28 days before. Rising churn is the earliest sign something is off.',
    submitted:
      'Testimonials members sent in the range. Word of mouth you can publish, once approved.',
    approval:
      'Testimonials submitted in the range and approved since ÷ submitted. Low means members write what you cannot publish: say what you look for.',
    withPhoto:
      'Of the testimonials submitted in the range, those with a photo. A face or a product in use makes a testimonial far more convincing.',
    rating:
      'The average rating (1 to 5) of the testimonials submitted in the range. How happy the members who speak up are.',
    reveals:
      'Offer codes revealed for the first time in the range. Interest in your offers, before any purchase.',
    redemptions:
      'Orders reported with a community code in the range. Sales you can attribute to the community.',
    revenue: 'The total of those orders, in this currency. What the community brings, in money.',
  } satisfies Record<TileKey, string>,
  change: (n: string, day: string) => `${n} since the end of ${day}`,
  changeHidden: (day: string) => `Change since the end of ${day}: < 5`,
  ofRedemptions: (n: string) => `${n} orders`,
  noRevenue: 'No order reported in the range.',
  ratingOf: (n: string) => `${n} / 5`,
  csv: 'Download CSV',
  csvName: {
    summary: 'Download CSV: key figures',
    series: 'Download CSV: figures over time',
    cohorts: 'Download CSV: join-week cohorts',
    sessions: 'Download CSV: live sessions',
    offers: 'Download CSV: offers',
  } satisfies Record<KpiTable, string>,
  downloaded: (file: string) => `${file} was downloaded.`,
  funnel: {
    title: 'From visitor to contributor',
    lede: 'Over the range: visitors of your widgets (counted once a day), members who joined, and of those the ones who already contributed. Each step shows its share of the step before.',
    visitors: 'Visitors',
    joined: 'Joined',
    contributed: 'Joined and contributed',
    step: 'Step',
    count: 'Count',
    rate: 'Of the step before',
    rateOf: (pct: string) => `${pct} of the step before`,
    rateHidden: 'Share of the step before: hidden (< 5)',
  },
  sessions: {
    heading: 'Live sessions',
    title: 'Participation per session',
    lede: 'For each live session starting in the range: who opened it (viewers), and who asked or voted. Participation is askers or voters ÷ viewers.',
    none: 'No live session starts in this range.',
    session: 'Session',
    startsAt: 'Starts',
    state: 'State',
    states: { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' } satisfies Record<
      KpiSession['state'],
      string
    >,
    peakViewers: 'Peak viewers',
    viewers: 'Viewers',
    askers: 'Askers',
    voters: 'Voters',
    participation: 'Participation',
    questions: 'Questions',
    answerRate: 'Answered',
    median: 'Median time to answer',
    line: (viewers: string, askers: string, voters: string, participation: string) =>
      `${viewers} viewers · ${askers} askers · ${voters} voters · participation ${participation}`,
    seconds: (s: number) => `${s} s`,
    minutes: (m: number, s: string) => `${m} min ${s} s`,
    hours: (h: number, m: string) => `${h} h ${m} min`,
  },
  offers: {
    heading: 'Offers',
    title: 'Funnel per offer',
    lede: 'For each offer: members who saw its teaser, revealed its code, copied it, and orders reported with it; revenue per currency. Each step shows its share of the step before.',
    none: 'No offer had any activity in this range.',
    offer: 'Offer',
    teaserViews: 'Teaser views',
    reveals: 'Reveals',
    copies: 'Copies',
    redemptions: 'Redemptions',
    revenue: 'Revenue',
    noRevenue: 'no order reported',
    revenueOf: (amount: string, orders: string) => `${amount} (${orders} orders)`,
    revenueLine: (text: string) => `Revenue: ${text}`,
  },
  plots: {
    membersBy: {
      day: 'Members per day',
      week: 'Members per week',
      month: 'Members per month',
    } satisfies Record<KpiGranularity, string>,
    activeBy: {
      day: 'Active members per day',
      week: 'Active members per week',
      month: 'Active members per month',
    } satisfies Record<KpiGranularity, string>,
    period: { day: 'Day', week: 'Week of', month: 'Month of' } satisfies Record<
      KpiGranularity,
      string
    >,
    members: 'Members per day',
    membersLede:
      'The line is members at the end of each period; bars are joins (up) and leaves (down).',
    membersSummary: (
      title: string,
      from: string,
      to: string,
      first: string,
      last: string,
      joins: string,
      leaves: string,
    ) =>
      `${title} from ${from} to ${to}: ${first} at the start, ${last} at the end; ${joins} joins and ${leaves} leaves.`,
    active: 'Active members per day',
    activeLede:
      'Distinct members with a contribution in the 1, 7 and 28 days ending each period’s last day.',
    activeSummary: (title: string, to: string, d1: string, d7: string, d28: string) =>
      `${title}; on ${to}: ${d1} over 1 day, ${d7} over 7 days, ${d28} over 28 days.`,
    gaps: 'Gaps in a line are periods whose figure is hidden (< 5).',
    retention: 'Retention by join week',
    retentionLede:
      'Of the members who joined each week, the share who first contributed within 7 days (activation), and the share still a member and contributing 30, 60 and 90 days after joining. “—” while the cohort is too young.',
    activated7: 'Active in 7 days',
    table: 'Show as a table',
    day: 'Day',
    members_: 'Members',
    joins: 'Joins',
    leaves: 'Leaves',
    d1: '1 day',
    d7: '7 days',
    d28: '28 days',
    week: 'Week of',
    size: 'Joined',
    noRetention: 'No member joined in the weeks of this range.',
    legend: 'Legend',
    total: 'Total',
    unknown: 'hidden',
  },
  trendPlots: trendsEn,
};

export type KpiTerms = typeof en;

export const terms = {
  en,
  fr: {
    title: 'Indicateurs',
    lede: 'Comment va la communauté sur une période : membres, activité, rétention, témoignages et ventes. Les hôtes ne sont jamais comptés ; les jours sont en UTC.',
    range: 'Période',
    figures: 'Chiffres clés',
    trends: 'Dans le temps',
    from: 'Du',
    to: 'Au',
    show: 'Afficher',
    presets: 'Périodes rapides',
    granularity: 'Regrouper par',
    granularities: { day: 'Jour', week: 'Semaine', month: 'Mois' },
    preset: (n: number) => `${n} derniers jours`,
    loading: 'Chargement des indicateurs…',
    failed: 'Les indicateurs n’ont pas pu être chargés.',
    rangeInvalid: 'Cette période ne peut pas être affichée.',
    showing: (from: string, to: string) =>
      `Indicateurs du ${from} au ${to} (jours UTC, bornes incluses).`,
    suppressed: '< 5',
    suppressedHint:
      'Moins de 5 membres derrière ce chiffre : il est masqué pour que personne ne soit identifiable (k-anonymat).',
    none: '—',
    noneHint: 'Pas encore assez d’historique.',
    privacy: (k: number) =>
      `Tout chiffre issu de moins de ${k} membres s’affiche « < ${k} » : les petits groupes sont masqués (k-anonymat) pour qu’aucun export ni capture d’écran ne permette d’identifier quelqu’un.`,
    tiles: {
      members: 'Membres',
      active28: 'Actifs, 28 jours',
      activation: 'Taux d’activation',
      stickiness: 'Fidélité (stickiness)',
      churn: 'Départs, 28 jours',
      submitted: 'Témoignages envoyés',
      approval: 'Témoignages approuvés',
      withPhoto: 'Témoignages avec photo',
      rating: 'Note moyenne',
      reveals: 'Codes révélés',
      redemptions: 'Utilisations',
      revenue: (currency: string) => `Chiffre d’affaires (${currency})`,
    },
    explain: {
      members:
        'Membres le dernier jour, actifs ou en liste d’attente. La taille de votre cercle : tout le reste s’y rapporte.',
      active28:
        'Membres qui ont posé une question, voté, témoigné, signalé ou utilisé un code dans les 28 jours finissant le dernier jour. Ceux qui sont vraiment là.',
      activation:
        'Membres actifs (28 jours) ÷ membres. Bas : beaucoup sont entrés mais peu participent ; un mot d’accueil ou une session live aide.',
      stickiness:
        'Actifs le dernier jour ÷ actifs sur 28 jours. La fréquence de retour des membres actifs : une habitude, ou une visite de temps en temps.',
      churn:
        'Membres partis ces 28 derniers jours ÷ membres 28 jours avant. Des départs en hausse sont le premier signe que quelque chose ne va pas.',
      approval:
        'Témoignages envoyés sur la période et approuvés depuis ÷ envoyés. Bas : les membres écrivent ce que vous ne pouvez pas publier ; dites ce que vous attendez.',
      submitted:
        'Témoignages envoyés par les membres sur la période. Du bouche-à-oreille publiable, une fois approuvé.',
      withPhoto:
        'Parmi les témoignages envoyés sur la période, ceux avec une photo. Un visage ou un produit en situation rend un témoignage bien plus convaincant.',
      rating:
        'La note moyenne (de 1 à 5) des témoignages envoyés sur la période. La satisfaction des membres qui prennent la parole.',
      reveals:
        'Codes d’offre révélés pour la première fois sur la période. L’intérêt pour vos offres, avant tout achat.',
      redemptions:
        'Commandes déclarées avec un code de la communauté sur la période. Les ventes attribuables à la communauté.',
      revenue:
        'Le total de ces commandes, dans cette devise. Ce que la communauté rapporte, en argent.',
    },
    change: (n: string, day: string) => `${n} depuis la fin du ${day}`,
    changeHidden: (day: string) => `Évolution depuis la fin du ${day} : < 5`,
    ofRedemptions: (n: string) => `${n} commandes`,
    noRevenue: 'Aucune commande déclarée sur la période.',
    ratingOf: (n: string) => `${n} / 5`,
    csv: 'Télécharger le CSV',
    csvName: {
      summary: 'Télécharger le CSV : chiffres clés',
      series: 'Télécharger le CSV : indicateurs dans le temps',
      cohorts: 'Télécharger le CSV : cohortes par semaine d’arrivée',
      sessions: 'Télécharger le CSV : sessions live',
      offers: 'Télécharger le CSV : offres',
    },
    downloaded: (file: string) => `${file} a été téléchargé.`,
    funnel: {
      title: 'Du visiteur au contributeur',
      lede: 'Sur la période : visiteurs de vos widgets (comptés une fois par jour), membres arrivés, et parmi eux ceux qui ont déjà contribué. Chaque étape donne sa part de l’étape précédente.',
      visitors: 'Visiteurs',
      joined: 'Arrivés',
      contributed: 'Arrivés et contributeurs',
      step: 'Étape',
      count: 'Nombre',
      rate: 'Part de l’étape précédente',
      rateOf: (pct: string) => `${pct} de l’étape précédente`,
      rateHidden: 'Part de l’étape précédente : masquée (< 5)',
    },
    sessions: {
      heading: 'Sessions live',
      title: 'Participation par session',
      lede: 'Pour chaque session live commençant sur la période : qui l’a ouverte (spectateurs), et qui a posé une question ou voté. La participation, c’est auteurs de questions ou votants ÷ spectateurs.',
      none: 'Aucune session live ne commence sur cette période.',
      session: 'Session',
      startsAt: 'Début',
      state: 'État',
      states: { scheduled: 'Programmée', live: 'En direct', ended: 'Terminée' },
      peakViewers: 'Pic de spectateurs',
      viewers: 'Spectateurs',
      askers: 'Auteurs de questions',
      voters: 'Votants',
      participation: 'Participation',
      questions: 'Questions',
      answerRate: 'Répondues',
      median: 'Délai médian de réponse',
      line: (viewers: string, askers: string, voters: string, participation: string) =>
        `${viewers} spectateurs · ${askers} auteurs de questions · ${voters} votants · participation ${participation}`,
      seconds: (s: number) => `${s} s`,
      minutes: (m: number, s: string) => `${m} min ${s} s`,
      hours: (h: number, m: string) => `${h} h ${m} min`,
    },
    offers: {
      heading: 'Offres',
      title: 'Entonnoir par offre',
      lede: 'Pour chaque offre : membres qui ont vu son aperçu, révélé son code, l’ont copié, et commandes déclarées avec ; chiffre d’affaires par devise. Chaque étape donne sa part de l’étape précédente.',
      none: 'Aucune offre n’a eu d’activité sur cette période.',
      offer: 'Offre',
      teaserViews: 'Aperçus vus',
      reveals: 'Révélations',
      copies: 'Copies',
      redemptions: 'Utilisations',
      revenue: 'Chiffre d’affaires',
      noRevenue: 'aucune commande déclarée',
      revenueOf: (amount: string, orders: string) => `${amount} (${orders} commandes)`,
      revenueLine: (text: string) => `Chiffre d’affaires : ${text}`,
    },
    plots: {
      membersBy: {
        day: 'Membres par jour',
        week: 'Membres par semaine',
        month: 'Membres par mois',
      },
      activeBy: {
        day: 'Membres actifs par jour',
        week: 'Membres actifs par semaine',
        month: 'Membres actifs par mois',
      },
      period: { day: 'Jour', week: 'Semaine du', month: 'Mois du' },
      members: 'Membres par jour',
      membersLede:
        'La ligne donne les membres en fin de période ; les barres, les arrivées (vers le haut) et les départs (vers le bas).',
      membersSummary: (
        title: string,
        from: string,
        to: string,
        first: string,
        last: string,
        joins: string,
        leaves: string,
      ) =>
        `${title} du ${from} au ${to} : ${first} au début, ${last} à la fin ; ${joins} arrivées et ${leaves} départs.`,
      active: 'Membres actifs par jour',
      activeLede:
        'Membres distincts ayant contribué dans les 1, 7 et 28 jours finissant le dernier jour de chaque période.',
      activeSummary: (title: string, to: string, d1: string, d7: string, d28: string) =>
        `${title} ; le ${to} : ${d1} sur 1 jour, ${d7} sur 7 jours, ${d28} sur 28 jours.`,
      gaps: 'Les trous d’une ligne sont des périodes dont le chiffre est masqué (< 5).',
      retention: 'Rétention par semaine d’arrivée',
      retentionLede:
        'Parmi les membres arrivés chaque semaine, la part qui a contribué dans ses 7 premiers jours (activation), et la part encore membre et qui contribue 30, 60 et 90 jours après son arrivée. « — » tant que la cohorte est trop récente.',
      activated7: 'Actifs sous 7 jours',
      table: 'Afficher en tableau',
      day: 'Jour',
      members_: 'Membres',
      joins: 'Arrivées',
      leaves: 'Départs',
      d1: '1 jour',
      d7: '7 jours',
      d28: '28 jours',
      week: 'Semaine du',
      size: 'Arrivés',
      noRetention: 'Aucun membre n’est arrivé dans les semaines de cette période.',
      legend: 'Légende',
      total: 'Total',
      unknown: 'masqué',
    },
    trendPlots: trendsFr,
  },
} satisfies Dictionary<KpiTerms>;
