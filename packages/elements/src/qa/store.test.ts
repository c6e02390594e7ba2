import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { Question } from '@cercle/client/contract';
import { sessionStore } from '../internal/stores.js';
import type { LiveControl, TestBackend } from '../test/backend.js';
import { freshApi } from '../test/helpers.js';
import { compareNew, compareTop, qaBoard, type QaBoard } from './store.js';

let api: TestBackend;
let live: LiveControl;
let board: QaBoard;
let release: () => void;

const question = (id: string, over: Partial<Question> = {}): Question => ({
  id,
  session: 'dimanche-live',
  text: id,
  author: null,
  votes: 0,
  votedByMe: false,
  mine: false,
  state: 'open',
  pinned: false,
  answer: null,
  createdAt: '2026-11-29T10:00:00.000Z',
  ...over,
});

const state = () => board.$board.get();
const votes = (id: string) => state().questions.get(id)?.votes;

async function start(): Promise<void> {
  board = qaBoard({ key: 'adapter', api: api.api }, 'maison-verte', 'dimanche-live');
  release = board.acquire('top');
  await waitUntil(() => state().phase === 'complete' && live.subscribers === 1, 'never loaded');
}

beforeEach(async () => {
  api = await freshApi();
  live = api.live('maison-verte', 'dimanche-live');
});

afterEach(() => release?.());

describe('the board store', () => {
  it('sorts top (pinned, most votes, oldest) and new (newest first)', () => {
    const a = question('a', { votes: 5, createdAt: '2026-11-29T10:01:00.000Z' });
    const b = question('b', { votes: 5, createdAt: '2026-11-29T10:00:00.000Z' });
    const c = question('c', { votes: 9, createdAt: '2026-11-29T09:59:00.000Z' });
    const d = question('d', { pinned: true, createdAt: '2026-11-29T10:05:00.000Z' });
    expect([a, b, c, d].sort(compareTop).map((q) => q.id)).to.deep.equal(['d', 'c', 'b', 'a']);
    expect([a, b, c, d].sort(compareNew).map((q) => q.id)).to.deep.equal(['d', 'a', 'b', 'c']);
  });

  it('counts a vote once when its own event arrives before the answer', async () => {
    const { token, member } = await api.direct().join('maison-verte', {
      displayName: 'Camille',
      consent: { version: '2026-11-01', accepted: true },
    });
    sessionStore('adapter', 'maison-verte').set({ token, memberId: member.id, status: 'active' });
    await start();
    const knife = await live.id(3);
    // The backend counts the vote and streams it; its answer comes back later.
    const hold = api.hold('vote', { after: true });
    const outcome = board.vote(knife, true);
    await Promise.resolve();
    expect(votes(knife)).to.equal(4); // optimistic
    expect(state().voting.has(knife)).to.equal(true);
    // The event of the vote reaches the board while the answer is held.
    const delivered = live.delivered;
    await waitUntil(() => live.delivered > delivered, 'the vote’s event never came');
    expect((await live.find('What knife do you use for the squash?')).votes).to.equal(4);
    await new Promise((r) => setTimeout(r));
    expect(votes(knife)).to.be.oneOf([4, 5]); // may show +1 while in flight…
    hold();
    expect(await outcome).to.deep.equal({ ok: true });
    expect(votes(knife)).to.equal(4); // …but settles on the truth
    expect(state().questions.get(knife)!.votedByMe).to.equal(true);
    expect(state().voting.size).to.equal(0);
  });

  it('buffers events during a resync and applies only those newer than the reload', async () => {
    await start();
    const bechamel = await live.id(1);
    const hold = api.hold('listQuestions');
    await live.resync();
    await waitUntil(() => api.count('listQuestions') === 2, 'no reload');
    const [during] = await live.addQuestions(1, { text: 'During the reload' }); // in the reload's page
    await live.otherVotes(bechamel, 1); // too
    hold();
    await waitUntil(() => state().questions.has(during!.id), 'not replaced');
    expect(votes(bechamel)).to.equal(13);
    await live.otherVotes(bechamel, 1); // after the reload
    await waitUntil(() => votes(bechamel) === 14);
    expect(state().questions.size).to.equal(4);
    expect(state().total).to.equal(4);
  });

  it('tears the subscription down after the last user, not when one moves', async () => {
    await start();
    const again = board.acquire('new');
    release();
    await Promise.resolve();
    expect(live.subscribers).to.equal(1);
    again();
    release = () => {};
    await waitUntil(() => live.subscribers === 0, 'the subscription stayed open');
    expect(qaBoard({ key: 'adapter', api: api.api }, 'maison-verte', 'dimanche-live')).not.to.equal(
      board,
    );
  });
});
