/** Terms (en, fr) of the stickiness and churn plot, the retention curve and testimonials. */
import type { KpiGranularity } from '@cercle/client/admin';

export const trendsEn = {
  rates: 'Stickiness and churn',
  ratesLede:
    'Stickiness is active on the period’s last day ÷ active in 28 days (do active members come back?); churn is members who left in the 28 days ending it ÷ members 28 days before (are members staying?).',
  ratesSummary: (title: string, to: string, stickiness: string, churn: string) =>
    `${title}; on ${to}: stickiness ${stickiness}, churn ${churn}.`,
  stickiness: 'Stickiness',
  churn: 'Churn',
  curve: 'Retention curve',
  curveLede:
    'The average of D30, D60 and D90 over the cohorts above that have a value (too young or hidden ones are left out): how retention holds as members age.',
  curveSummary: (points: string) => `Retention curve, averaged over the cohorts shown: ${points}.`,
  curvePoint: (day: string, avg: string, n: string) => `${day} ${avg} (${n} cohorts)`,
  curveNone: 'No cohort shown is 30 days old yet: a longer range shows older cohorts.',
  dayN: 'Day N',
  average: 'Average',
  counted: 'Cohorts counted',
  heading: 'Testimonials',
  testimonialsBy: {
    day: 'Testimonials per day',
    week: 'Testimonials per week',
    month: 'Testimonials per month',
  } satisfies Record<KpiGranularity, string>,
  testimonialsLede:
    'Testimonials submitted in each period, and of those the ones approved since: how much word of mouth you get, and how much of it you can publish. No bar: none, or hidden (< 5).',
  testimonialsSummary: (title: string, from: string, to: string, sent: string, ok: string) =>
    `${title} from ${from} to ${to}: ${sent} submitted, ${ok} approved.`,
  submitted: 'Submitted',
  approved: 'Approved',
};

export const trendsFr: typeof trendsEn = {
  rates: 'Fidélité et départs',
  ratesLede:
    'La fidélité, c’est les actifs le dernier jour de la période ÷ les actifs sur 28 jours (les membres actifs reviennent-ils ?) ; les départs, les membres partis dans les 28 jours qui le finissent ÷ les membres 28 jours avant (les membres restent-ils ?).',
  ratesSummary: (title: string, to: string, stickiness: string, churn: string) =>
    `${title} ; le ${to} : fidélité ${stickiness}, départs ${churn}.`,
  stickiness: 'Fidélité',
  churn: 'Départs',
  curve: 'Courbe de rétention',
  curveLede:
    'La moyenne de D30, D60 et D90 sur les cohortes ci-dessus qui ont une valeur (les trop récentes ou masquées sont laissées de côté) : comment la rétention tient à mesure que les membres vieillissent.',
  curveSummary: (points: string) =>
    `Courbe de rétention, moyenne des cohortes affichées : ${points}.`,
  curvePoint: (day: string, avg: string, n: string) => `${day} ${avg} (${n} cohortes)`,
  curveNone:
    'Aucune cohorte affichée n’a encore 30 jours : une période plus longue montre des cohortes plus anciennes.',
  dayN: 'Jour N',
  average: 'Moyenne',
  counted: 'Cohortes comptées',
  heading: 'Témoignages',
  testimonialsBy: {
    day: 'Témoignages par jour',
    week: 'Témoignages par semaine',
    month: 'Témoignages par mois',
  },
  testimonialsLede:
    'Les témoignages envoyés à chaque période, et parmi eux ceux approuvés depuis : combien de bouche-à-oreille vous recevez, et combien vous pouvez en publier. Pas de barre : aucun, ou masqué (< 5).',
  testimonialsSummary: (title: string, from: string, to: string, sent: string, ok: string) =>
    `${title} du ${from} au ${to} : ${sent} envoyés, ${ok} approuvés.`,
  submitted: 'Envoyés',
  approved: 'Approuvés',
};
