/**
 * An in-memory `CercleApi` for widget tests — and the shape of an adapter a brand writes
 * to plug its own backend. It keeps a call log, can fail or hold any operation, and
 * answers like the contract (201 joined, 202 waitlisted, `community_full`, 401…).
 */
import { CercleError, type CercleApi, type JoinResult } from '@cercle/client';
import type {
  Community,
  Invite,
  JoinRequest,
  Me,
  Member,
  MemberExport,
  MemberList,
} from '@cercle/client/contract';

export type Operation = 'getCommunity' | 'join' | 'me' | 'exportMe' | 'leave' | 'listMembers';

export interface Call {
  op: Operation;
  community: string;
  body?: JoinRequest;
  token?: string;
  idempotencyKey?: string;
}

interface StoredCommunity {
  info: Community;
  whenFull: 'waitlist' | 'closed';
  invites: Invite[];
}

interface StoredMember {
  community: string;
  member: Member;
  email: string | undefined;
  consentVersion: string;
}

export const httpError = (
  status: number,
  code: string,
  init: { details?: unknown; retryAfterMs?: number } = {},
): CercleError => new CercleError('http', `${status} ${code}`, { status, code, ...init });

export const networkError = (): CercleError =>
  new CercleError('network', 'Failed to fetch', { cause: new TypeError('Failed to fetch') });

export const timeoutError = (): CercleError =>
  new CercleError('timeout', 'timed out after 10000 ms');

const community = (
  slug: string,
  name: string,
  memberCount: number,
  capacity: number | null,
  joinState: Community['joinState'],
): Community => ({
  slug,
  name,
  tagline:
    slug === 'maison-verte'
      ? 'Le cercle des cuisiniers végétaux — recettes, lives avec la cheffe, entraide.'
      : 'Levain, farines anciennes et fournées du dimanche.',
  memberCount,
  capacity,
  joinState,
  privacyPolicyUrl: `https://${slug}.example/confidentialite`,
  consentVersion: '2026-11-01',
  disclosure: 'none',
});

/** `maison-verte` (open, 120/300), `le-fournil` (full, waitlist), `la-ferme` (full, closed). */
export function demoCommunities(): Map<string, StoredCommunity> {
  return new Map([
    [
      'maison-verte',
      {
        info: community('maison-verte', 'Maison Verte', 120, 300, 'open'),
        whenFull: 'waitlist',
        invites: [
          {
            kind: 'discord',
            label: 'Discord Maison Verte',
            url: 'https://discord.gg/maison-verte-demo',
          },
          { kind: 'telegram', label: 'Groupe Telegram', url: 'https://t.me/maison_verte_demo' },
        ],
      },
    ],
    [
      'le-fournil',
      {
        info: community('le-fournil', 'Le Fournil', 40, 40, 'waitlist'),
        whenFull: 'waitlist',
        invites: [
          { kind: 'web', label: 'Forum du Fournil', url: 'https://le-fournil.example/forum' },
        ],
      },
    ],
    [
      'la-ferme',
      {
        info: community('la-ferme', 'La Ferme', 25, 25, 'closed'),
        whenFull: 'closed',
        invites: [],
      },
    ],
  ]);
}

export class FakeApi implements CercleApi {
  readonly communities = demoCommunities();
  readonly members = new Map<string, StoredMember>();
  readonly calls: Call[] = [];
  #failures = new Map<Operation, unknown[]>();
  #holds = new Map<Operation, Promise<void>>();
  #seq = 0;

  /** Makes the next `times` calls of `op` reject with `error`. */
  fail(op: Operation, error: unknown, times = 1): this {
    const queue = this.#failures.get(op) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.#failures.set(op, queue);
    return this;
  }

  /** Holds every call of `op` until the returned function is called. */
  hold(op: Operation): () => void {
    let release!: () => void;
    this.#holds.set(op, new Promise<void>((r) => (release = r)));
    return () => {
      this.#holds.delete(op);
      release();
    };
  }

  count(op: Operation): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  async #enter(call: Call, signal?: AbortSignal): Promise<void> {
    this.calls.push(call);
    await this.#holds.get(call.op);
    await Promise.resolve();
    if (signal?.aborted) throw new CercleError('aborted', 'aborted');
    const error = this.#failures.get(call.op)?.shift();
    if (error) throw error;
  }

  #community(slug: string): StoredCommunity {
    const c = this.communities.get(slug);
    if (!c) throw httpError(404, 'not_found');
    return c;
  }

  #member(slug: string, token: string): StoredMember {
    const m = this.members.get(token);
    if (!m || m.community !== slug) throw httpError(401, 'unauthorized');
    return m;
  }

  async getCommunity(slug: string, options?: { signal?: AbortSignal }): Promise<Community> {
    await this.#enter({ op: 'getCommunity', community: slug }, options?.signal);
    return structuredClone(this.#community(slug).info);
  }

  async join(
    slug: string,
    body: JoinRequest,
    options?: { signal?: AbortSignal; idempotencyKey?: string },
  ): Promise<JoinResult> {
    const call: Call = { op: 'join', community: slug, body };
    if (options?.idempotencyKey) call.idempotencyKey = options.idempotencyKey;
    await this.#enter(call, options?.signal);
    const c = this.#community(slug);
    const details = [];
    if (!body.displayName?.trim())
      details.push({ path: 'displayName', message: 'display name is required' });
    if (body.consent?.accepted !== true)
      details.push({ path: 'consent.accepted', message: 'consent must be accepted' });
    if (details.length) throw httpError(400, 'validation_failed', { details });
    const info = c.info;
    const full = info.capacity !== null && info.memberCount >= info.capacity;
    if (full && c.whenFull === 'closed') throw httpError(409, 'community_full');
    const waitlisted = full;
    const waiting = [...this.members.values()].filter(
      (m) => m.community === slug && m.member.status === 'waitlisted',
    ).length;
    const member: Member = {
      id: `m_${++this.#seq}`,
      displayName: body.displayName.trim(),
      status: waitlisted ? 'waitlisted' : 'active',
      joinedAt: new Date().toISOString(),
      ...(waitlisted ? { waitlistPosition: waiting + 1 } : {}),
    };
    if (!waitlisted) info.memberCount += 1;
    const token = `tok_${member.id}_${'x'.repeat(24)}`;
    this.members.set(token, {
      community: slug,
      member,
      email: body.email,
      consentVersion: body.consent.version,
    });
    return { member: structuredClone(member), token, waitlisted };
  }

  async me(slug: string, options: { token: string; signal?: AbortSignal }): Promise<Me> {
    await this.#enter({ op: 'me', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    const invites = m.member.status === 'active' ? this.#community(slug).invites : [];
    return structuredClone({ member: m.member, invites });
  }

  async exportMe(
    slug: string,
    options: { token: string; signal?: AbortSignal },
  ): Promise<MemberExport> {
    await this.#enter({ op: 'exportMe', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    return {
      exportedAt: new Date().toISOString(),
      community: slug,
      member: {
        id: m.member.id,
        displayName: m.member.displayName,
        email: m.email ?? null,
        status: m.member.status,
        joinedAt: m.member.joinedAt,
        consent: { version: m.consentVersion, acceptedAt: m.member.joinedAt },
      },
    };
  }

  async leave(slug: string, options: { token: string; signal?: AbortSignal }): Promise<void> {
    await this.#enter({ op: 'leave', community: slug, token: options.token }, options.signal);
    const m = this.#member(slug, options.token);
    this.members.delete(options.token);
    if (m.member.status === 'active') this.#community(slug).info.memberCount -= 1;
  }

  async listMembers(
    slug: string,
    options: { hostKey: string; signal?: AbortSignal },
  ): Promise<MemberList> {
    await this.#enter({ op: 'listMembers', community: slug }, options.signal);
    const members = [...this.members.values()]
      .filter((m) => m.community === slug)
      .map((m) => structuredClone(m.member));
    return { count: members.length, members };
  }
}
