/**
 * The host console's testimonials tab: the moderation queue (or the published, refused and
 * removed lists), each testimonial previewed as the wall will show it, with the controls a
 * host needs before publishing: the commercial disclosure (law 2023-451), the photo's labels
 * ("Image retouchée", "Image virtuelle"), approve, and reject with a statement of reasons the
 * author sees. The preview follows the controls, so the host sees the labels before saving.
 */
import type {
  CercleClient,
  Disclosure,
  ImageFlag,
  OwnTestimonial,
  TestimonialState,
} from '@cercle/client';
import { $, act, announce, date, dateTime, h, showError } from './host-ui.js';

export interface TestimonialsContext {
  community: string;
  client: () => CercleClient;
  hostKey: () => string;
}

const DISCLOSURE_LABEL: Record<Disclosure, string> = {
  none: 'Aucune',
  publicite: 'Publicité',
  'collaboration-commerciale': 'Collaboration commerciale',
};
const FLAG_LABEL: Record<ImageFlag, string> = {
  retouchee: 'Image retouchée',
  virtuelle: 'Image virtuelle',
};
const STATE_LABEL: Record<TestimonialState, string> = {
  pending: 'En attente',
  approved: 'Publié',
  rejected: 'Refusé',
  removed: 'Retiré',
};
const LIST_TITLE: Record<TestimonialState, string> = {
  pending: 'En attente de modération',
  approved: 'Publiés sur le mur',
  rejected: 'Refusés',
  removed: 'Retirés après signalement',
};
const EMPTY: Record<TestimonialState, string> = {
  pending: 'Aucun témoignage en attente : tout est modéré.',
  approved: 'Aucun témoignage publié.',
  rejected: 'Aucun témoignage refusé.',
  removed: 'Aucun témoignage retiré.',
};

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric' });
const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating);

/** The photo the wall shows: only with the author's consent to publish it. */
const wallPhoto = (t: OwnTestimonial) => (t.consent.publishPhoto ? t.photo : null);

/** What the host has chosen in the controls (the preview shows it before it is saved). */
interface Labels {
  disclosure: Disclosure;
  imageFlags: ImageFlag[];
}

/** The card as the wall will show it: labels first, then author, stars, text, photo, tags, dates. */
function preview(t: OwnTestimonial, labels: Labels): HTMLElement {
  const nameId = `t-${t.id}-name`;
  // The wall shows only what the author consented to publish.
  const shownName = t.consent.publishName ? t.author.displayName : null;
  const photo = wallPhoto(t);
  const name = shownName ?? 'Un membre';
  const marks = [
    ...(labels.disclosure === 'none' ? [] : [DISCLOSURE_LABEL[labels.disclosure]]),
    ...(photo ? labels.imageFlags.map((f) => FLAG_LABEL[f]) : []),
  ];
  const card = h(
    'article',
    { class: 'wall-card', 'aria-labelledby': nameId },
    h(
      'p',
      { class: 'labels', hidden: marks.length === 0 },
      ...marks.map((m) => h('span', { class: 'label' }, m)),
    ),
    h(
      'div',
      { class: 'author' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, shownName ? initials(shownName) : '?'),
      h(
        'div',
        {},
        h('p', { class: 'author-name', id: nameId }, name),
        h(
          'p',
          { class: 'author-meta' },
          `Membre depuis ${monthYear.format(new Date(t.author.memberSince))}`,
          ...(t.author.verified ? [' · ', h('span', { class: 'verified' }, 'Membre vérifié')] : []),
        ),
      ),
    ),
    h(
      'p',
      { class: 'stars', role: 'img', 'aria-label': `Note : ${t.rating} sur 5` },
      stars(t.rating),
    ),
    h('p', { class: 't-text' }, t.text),
  );
  if (photo) {
    card.append(
      h('img', {
        class: 't-photo',
        src: photo.url,
        alt: photo.alt,
        width: String(photo.width),
        height: String(photo.height),
        loading: 'lazy',
      }),
    );
  }
  if (t.tags.length > 0) {
    card.append(
      h('ul', { class: 'tags', 'aria-label': 'Thèmes' }, ...t.tags.map((tag) => h('li', {}, tag))),
    );
  }
  card.append(
    h(
      'p',
      { class: 't-dates' },
      ...(t.experiencedAt ? [`Expérience du ${date.format(new Date(t.experiencedAt))} · `] : []),
      t.publishedAt
        ? `Publié le ${date.format(new Date(t.publishedAt))}`
        : 'Publié à l’approbation',
    ),
  );
  return card;
}

export function testimonialsTab(ctx: TestimonialsContext) {
  const list = $('testimonial-list');
  const empty = $('testimonials-empty');
  const count = $('testimonials-count');
  const tabCount = $('tab-testimonials-count');
  const stateSelect = $<HTMLSelectElement>('testimonial-state');
  const heading = $('testimonials-heading');
  let state: TestimonialState = 'pending';
  let shown: OwnTestimonial[] = [];

  const moderate = async (t: OwnTestimonial, body: Record<string, unknown>) => {
    const { data } = await ctx.client().request('moderateTestimonial', {
      params: { community: ctx.community, testimonial: t.id },
      body,
      hostKey: ctx.hostKey(),
    });
    return data;
  };

  /** After a decision: keep the item if it still belongs here, else drop it and move focus on. */
  function settle(li: HTMLLIElement, updated: OwnTestimonial): void {
    const index = shown.findIndex((t) => t.id === updated.id);
    if (updated.state === state) {
      shown[index] = updated;
      const next = item(updated);
      li.replaceWith(next);
      next.focus();
    } else {
      shown.splice(index, 1);
      const after = (li.nextElementSibling ?? li.previousElementSibling) as HTMLElement | null;
      li.remove();
      (after ?? $('testimonials-title')).focus();
    }
    updateCounts();
  }

  function item(t: OwnTestimonial): HTMLLIElement {
    const id = `t-${t.id}`;
    const labels: Labels = { disclosure: t.disclosure, imageFlags: [...t.imageFlags] };
    let card = preview(t, labels);
    const refresh = () => {
      const next = preview(t, labels);
      card.replaceWith(next);
      card = next;
    };

    const side = h(
      'div',
      { class: 't-side' },
      h(
        'p',
        { class: 't-state' },
        h('span', { class: 'badge', 'data-state': t.state }, STATE_LABEL[t.state]),
        ` Soumis le ${dateTime.format(new Date(t.submittedAt))}`,
      ),
      h(
        'p',
        { class: 't-consent' },
        `Consentement (version ${t.consent.version}, ${dateTime.format(new Date(t.consent.acceptedAt))}) : `,
        t.consent.publishName ? 'nom publié' : 'nom non publié',
        ', ',
        t.consent.publishPhoto ? 'photo publiée' : 'photo non publiée',
        '.',
      ),
    );
    if (t.statement) {
      side.append(h('p', { class: 'decision' }, h('strong', {}, 'Motifs : '), t.statement));
    }

    const li = h('li', { class: 'testimonial', 'data-id': t.id, tabindex: '-1' }, card, side);
    if (t.state === 'rejected' || t.state === 'removed') return li;

    // Labels and approval.
    const disclosure = h(
      'select',
      { id: `${id}-disclosure` },
      ...(Object.keys(DISCLOSURE_LABEL) as Disclosure[]).map((d) =>
        h('option', { value: d, selected: d === labels.disclosure }, DISCLOSURE_LABEL[d]),
      ),
    );
    disclosure.addEventListener('change', () => {
      labels.disclosure = disclosure.value as Disclosure;
      refresh();
    });
    const flags = (Object.keys(FLAG_LABEL) as ImageFlag[]).map((flag) => {
      const box = h('input', {
        type: 'checkbox',
        value: flag,
        checked: labels.imageFlags.includes(flag),
      });
      box.addEventListener('change', () => {
        labels.imageFlags = flags.filter((f) => f.box.checked).map((f) => f.flag);
        refresh();
      });
      return { flag, box, label: h('label', {}, box, ` ${FLAG_LABEL[flag]}`) };
    });
    const approve = h(
      'form',
      { class: 'moderate' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: `${id}-disclosure` }, 'Mention commerciale'),
        disclosure,
      ),
      wallPhoto(t)
        ? h(
            'fieldset',
            { class: 'flags' },
            h('legend', {}, 'Mentions sur la photo'),
            ...flags.map((f) => f.label),
          )
        : h(
            'p',
            { class: 'hint' },
            t.photo
              ? 'Photo non publiée (l’auteur n’y a pas consenti) : pas de mention d’image.'
              : 'Sans photo : pas de mention d’image.',
          ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'submit', class: 'primary' },
          t.state === 'pending' ? 'Approuver et publier' : 'Enregistrer les mentions',
        ),
      ),
    );
    approve.addEventListener('submit', (event) => {
      event.preventDefault();
      const publishing = t.state === 'pending';
      void act(
        approve,
        publishing ? 'Approbation impossible' : 'Enregistrement impossible',
        async () => {
          const body = {
            ...(publishing ? { state: 'approved' } : {}),
            disclosure: labels.disclosure,
            imageFlags: wallPhoto(t) ? labels.imageFlags : [],
          };
          settle(li, await moderate(t, body));
          announce(
            publishing
              ? 'Témoignage approuvé : il est publié sur le mur.'
              : 'Mentions enregistrées : le mur les affiche.',
          );
        },
      );
    });

    // Refusal, always with a statement of reasons.
    const statement = h('textarea', {
      id: `${id}-statement`,
      rows: '2',
      maxlength: '2000',
      required: true,
      'aria-describedby': `${id}-statement-hint`,
    });
    const reject = h(
      'form',
      { class: 'reject' },
      h(
        'label',
        { for: `${id}-statement` },
        t.state === 'pending' ? 'Motifs du refus (obligatoire)' : 'Motifs du retrait (obligatoire)',
      ),
      h('p', { class: 'hint', id: `${id}-statement-hint` }, 'L’auteur verra ces motifs.'),
      statement,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'submit', class: 'danger' },
          t.state === 'pending' ? 'Refuser' : 'Retirer du mur',
        ),
      ),
    );
    reject.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = statement.value.trim();
      if (!text) {
        statement.setAttribute('aria-invalid', 'true');
        showError('Un refus doit être motivé : écrivez les motifs, l’auteur les verra.');
        statement.focus();
        return;
      }
      statement.removeAttribute('aria-invalid');
      void act(reject, 'Refus impossible', async () => {
        settle(li, await moderate(t, { state: 'rejected', statement: text }));
        announce('Témoignage refusé, motifs enregistrés : l’auteur les verra.');
      });
    });

    side.append(
      approve,
      h('details', { class: 'reject-box' }, h('summary', {}, 'Refuser…'), reject),
    );
    return li;
  }

  function updateCounts(): void {
    count.textContent = String(shown.length);
    empty.textContent = EMPTY[state];
    empty.hidden = shown.length > 0;
    if (state === 'pending') setPending(shown.length);
  }

  function setPending(n: number): void {
    tabCount.replaceChildren(String(n), h('span', { class: 'visually-hidden' }, ' en attente'));
    tabCount.hidden = n === 0;
  }

  async function load(): Promise<void> {
    state = stateSelect.value as TestimonialState;
    const { data } = await ctx.client().request('hostTestimonials', {
      params: { community: ctx.community },
      query: { state },
      hostKey: ctx.hostKey(),
    });
    shown = [...data.testimonials];
    heading.textContent = LIST_TITLE[state];
    list.replaceChildren(...shown.map(item));
    updateCounts();
  }

  /** Only the count of the queue, for the tab's badge; quiet when it fails. */
  async function loadPendingCount(): Promise<void> {
    try {
      const { data } = await ctx.client().request('hostTestimonials', {
        params: { community: ctx.community },
        query: { state: 'pending' },
        hostKey: ctx.hostKey(),
      });
      setPending(data.testimonials.length);
    } catch {
      // The tab shows no badge; opening it reports the error.
    }
  }

  stateSelect.addEventListener('change', () =>
    act(stateSelect, 'Chargement des témoignages impossible', async () => {
      await load();
      announce(`${LIST_TITLE[state]} : ${shown.length}.`);
    }),
  );
  $('testimonials-refresh').addEventListener('click', () =>
    act($('testimonials-refresh'), 'Chargement des témoignages impossible', async () => {
      await load();
      announce(`Témoignages à jour : ${shown.length}.`);
    }),
  );

  return { load, loadPendingCount };
}
