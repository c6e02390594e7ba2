/**
 * `<cercle-console-kpis>` (`insights`): a placeholder until the KPI dashboard lands (its
 * issue: activation, retention at 30/60/90 days, live participation, attributable sales,
 * from daily rollups with hosts excluded and small cells suppressed).
 */
import { html } from 'lit';
import type { Dictionary } from '../i18n.js';
import { ConsoleScreen, defineScreen } from '../screen.js';
import { href } from '../router.js';

const en = {
  title: 'KPIs — coming soon',
  lede: 'A dashboard of what matters in a micro-community is on its way: active members, retention at 30, 60 and 90 days, participation in live sessions, and sales from community-only codes.',
  privacy:
    'It will show aggregates only, from daily rollups: hosts are left out and small groups are hidden so nobody can be singled out.',
  meanwhile: 'Meanwhile, each offer’s funnel is in Offers.',
  offers: 'Open Offers',
};

const terms = {
  en,
  fr: {
    title: 'Indicateurs — bientôt',
    lede: 'Un tableau de bord de ce qui compte dans une micro-communauté arrive : membres actifs, rétention à 30, 60 et 90 jours, participation aux sessions live et ventes des codes réservés aux membres.',
    privacy:
      'Il ne montrera que des agrégats issus de cumuls quotidiens : les hôtes sont exclus et les petits groupes masqués pour que personne ne soit identifiable.',
    meanwhile: 'En attendant, l’entonnoir de chaque offre est dans Offres.',
    offers: 'Ouvrir Offres',
  },
} satisfies Dictionary<typeof en>;

export class ConsoleKpisScreen extends ConsoleScreen {
  override render() {
    const t = this.t(terms);
    return html`<h1>${t.title}</h1>
      <section class="card">
        <p>${t.lede}</p>
        <p class="muted">${t.privacy}</p>
        <p>${t.meanwhile} <a href=${href('offers')}>${t.offers}</a></p>
      </section>`;
  }
}

defineScreen('cercle-console-kpis', ConsoleKpisScreen);

declare global {
  interface HTMLElementTagNameMap {
    'cercle-console-kpis': ConsoleKpisScreen;
  }
}
