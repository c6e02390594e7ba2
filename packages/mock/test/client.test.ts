// The typed client against the mock: the client checks every answer against the contract,
// so this proves the mock and the client agree on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CercleError, createClient } from '@cercle/client';
import { demoCommunities } from '@cercle/client/demo';
import { createMockStore, setupMockServer } from '@cercle/mock/node';

const BASE = 'http://client.cercle.test';
const store = createMockStore();
const server = setupMockServer({ baseUrl: BASE, store, hostKey: 'host-secret' });
const client = createClient({ baseUrl: BASE, retryDelayMs: 1 });
const consent = { version: demoCommunities[0]!.consentVersion, accepted: true as const };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => store.reset());
afterAll(() => server.close());

/** The rejection of `promise`, which must reject with a CercleError. */
async function failure(promise: Promise<unknown>): Promise<CercleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CercleError);
  return error as CercleError;
}

describe('createClient against @cercle/mock', () => {
  it('joins, reads me and the export, lists as host, and leaves', async () => {
    const community = await client.getCommunity('maison-verte');
    expect(community).toMatchObject({ name: 'Maison Verte', memberCount: 120, joinState: 'open' });

    const joined = await client.join('maison-verte', { displayName: 'Alice', consent });
    expect(joined.waitlisted).toBe(false);
    const { token } = joined;

    const me = await client.me('maison-verte', { token });
    expect(me.member.displayName).toBe('Alice');
    expect(me.invites.map((i) => i.kind)).toEqual(['discord', 'telegram']);
    expect((await client.exportMe('maison-verte', { token })).member.consent.version).toBe(
      consent.version,
    );

    const list = await client.listMembers('maison-verte', { hostKey: 'host-secret' });
    expect(list.members.at(-1)?.id).toBe(joined.member.id);

    await client.leave('maison-verte', { token });
    const after = await failure(client.me('maison-verte', { token }));
    expect(after).toMatchObject({ kind: 'http', status: 401, code: 'unauthorized' });
    expect((await client.getCommunity('maison-verte')).memberCount).toBe(120);
  });

  it('reports waitlisting as such', async () => {
    const fournil = demoCommunities.find((c) => c.slug === 'le-fournil')!;
    const joined = await client.join('le-fournil', {
      displayName: 'Ben',
      consent: { version: fournil.consentVersion, accepted: true },
    });
    expect(joined.waitlisted).toBe(true);
    expect(joined.member.waitlistPosition).toBe(1);
  });

  it('turns validation failures into field issues and a wrong host key into unauthorized', async () => {
    const invalid = await failure(
      client.join('maison-verte', {
        displayName: ' ',
        consent: { version: consent.version, accepted: false as true },
      }),
    );
    expect(invalid).toMatchObject({ kind: 'http', status: 400, code: 'validation_failed' });
    expect(invalid.fieldIssues.map((i) => i.path)).toEqual(['displayName', 'consent.accepted']);

    const host = await failure(client.listMembers('maison-verte', { hostKey: 'guess' }));
    expect(host.code).toBe('unauthorized');
    const missing = await failure(client.getCommunity('nowhere'));
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('sends an Idempotency-Key the mock replays', async () => {
    const body = { displayName: 'Eve', consent };
    const first = await client.join('maison-verte', body, { idempotencyKey: 'same-key' });
    const again = await client.join('maison-verte', body, { idempotencyKey: 'same-key' });
    expect(again.token).toBe(first.token);
    expect((await client.getCommunity('maison-verte')).memberCount).toBe(121);
  });
});
