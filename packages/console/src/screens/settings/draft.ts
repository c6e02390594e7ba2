/**
 * The settings form's draft: the community's values as the fields hold them (strings while
 * typed), the PATCH body of one section (only what changed), and the server's field paths
 * mapped to the fields that show them.
 */
import type { CommunityUpdate, HostCommunity, InviteKind } from '@cercle/client/contract';
import type { SettingsTerms } from './terms.js';

export const KINDS: readonly InviteKind[] = [
  'discord',
  'telegram',
  'whatsapp',
  'slack',
  'circle',
  'web',
];

export interface InviteDraft {
  key: number;
  kind: InviteKind;
  label: string;
  url: string;
}

export interface Draft {
  name: string;
  tagline: string;
  defaultLocale: string;
  capacity: string;
  whenFull: 'waitlist' | 'closed';
  allowedOrigins: string;
  privacyPolicyUrl: string;
  reviewPolicyUrl: string;
  consentText: string;
  invites: InviteDraft[];
  questionModeration: 'post' | 'pre';
  testimonialModeration: 'post' | 'pre';
}

export type Section =
  'community' | 'joining' | 'origins' | 'policies' | 'consent' | 'invites' | 'moderation';

export const SECTION_FIELDS: Record<Section, (keyof Draft)[]> = {
  community: ['name', 'tagline', 'defaultLocale'],
  joining: ['capacity', 'whenFull'],
  origins: ['allowedOrigins'],
  policies: ['privacyPolicyUrl', 'reviewPolicyUrl'],
  consent: ['consentText'],
  invites: ['invites'],
  moderation: ['questionModeration', 'testimonialModeration'],
};

let inviteKeys = 0;

/** A key for a new invite row. */
export const nextInviteKey = (): number => ++inviteKeys;

export function draftOf(c: HostCommunity): Draft {
  return {
    name: c.name,
    tagline: c.tagline,
    defaultLocale: c.defaultLocale,
    capacity: c.capacity === null ? '' : String(c.capacity),
    whenFull: c.whenFull,
    allowedOrigins: c.allowedOrigins.join('\n'),
    privacyPolicyUrl: c.privacyPolicyUrl,
    reviewPolicyUrl: c.reviewPolicyUrl ?? '',
    consentText: c.consentText ?? '',
    invites: c.invites.map((i) => ({ ...i, key: nextInviteKey() })),
    questionModeration: c.questionModeration,
    testimonialModeration: c.testimonialModeration,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));

/** The PATCH body of a section: only what differs from the community (or a local error). */
export function sectionPatch(
  section: Section,
  d: Draft,
  c: HostCommunity,
  t: SettingsTerms,
): { body: CommunityUpdate; errors: Record<string, string> } {
  const body: CommunityUpdate = {};
  const errors: Record<string, string> = {};
  switch (section) {
    case 'community':
      if (d.name !== c.name) body.name = d.name;
      if (d.tagline !== c.tagline) body.tagline = d.tagline;
      if (d.defaultLocale.trim() !== c.defaultLocale) body.defaultLocale = d.defaultLocale.trim();
      break;
    case 'joining': {
      const raw = d.capacity.trim();
      if (raw !== '' && !/^\d+$/.test(raw)) errors['capacity'] = t.capacityInvalid;
      const capacity = raw === '' ? null : Number(raw);
      if (capacity !== c.capacity) body.capacity = capacity;
      if (d.whenFull !== c.whenFull) body.whenFull = d.whenFull;
      break;
    }
    case 'origins': {
      const list = lines(d.allowedOrigins);
      if (!sameList(list, c.allowedOrigins)) body.allowedOrigins = list;
      break;
    }
    case 'policies': {
      if (d.privacyPolicyUrl.trim() !== c.privacyPolicyUrl) {
        body.privacyPolicyUrl = d.privacyPolicyUrl.trim();
      }
      const review = d.reviewPolicyUrl.trim() || null;
      if (review !== c.reviewPolicyUrl) body.reviewPolicyUrl = review;
      break;
    }
    case 'consent': {
      const text = d.consentText.trim() || null;
      if (text !== (c.consentText?.trim() || null)) body.consentText = text;
      break;
    }
    case 'invites': {
      const list = d.invites.map(({ kind, label, url }) => ({
        kind,
        label: label.trim(),
        url: url.trim(),
      }));
      if (!sameList(list, c.invites)) body.invites = list;
      break;
    }
    case 'moderation':
      if (d.questionModeration !== c.questionModeration) {
        body.questionModeration = d.questionModeration;
      }
      if (d.testimonialModeration !== c.testimonialModeration) {
        body.testimonialModeration = d.testimonialModeration;
      }
      break;
  }
  return { body, errors };
}

/** Server paths (`allowedOrigins.2`, `invites.0.url`) to the keys the fields show. */
export function fieldKeys(raw: Record<string, string>, t: SettingsTerms): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(raw)) {
    const [field, index, sub] = path.split('.');
    if (field === 'allowedOrigins' && index !== undefined) {
      const line = Number(index) + 1;
      const text = t.originLine(line, message);
      out['allowedOrigins'] = out['allowedOrigins'] ? `${out['allowedOrigins']} ${text}` : text;
    } else if (field === 'invites' && index !== undefined) {
      out[`invites.${index}.${sub ?? 'url'}`] ??= message;
    } else if (field === 'consentVersion') {
      out['consentText'] ??= message;
    } else if (field) {
      out[field] ??= message;
    }
  }
  return out;
}
