import '../test/setup.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { Question } from '@cercle/client/contract';
import { resetCercleGlobal, sessionStore } from '../internal/stores.js';
import { FakeApi, type LiveControl } from '../test/fake-api.js';
import { compareNew, compareTop, qaBoard, type QaBoard } from './store.js';

let api: FakeApi;
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
  board = qaBoard({ key: 'adapter', api }, 'maison-verte', 'dimanche-live');
  release = board.acquire('top');
  await waitUntil(() => state().phase === 'complete' && live.subscribers === 1, 'never loaded');
  await new Promise((r) => setTimeout(r));
}

beforeEach(async () => {
  resetCercleGlobal();
  localStorage.clear();
  api = new FakeApi();
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
    const { token, member } = await api.join('maison-verte', {
      displayName: 'Léa',
      consent: { version: '2026-11-01', accepted: true },
    });
    sessionStore('adapter', 'maison-verte').set({ token, memberId: member.id, status: 'active' });
    await start();
    const hold = api.hold('vote');
    const outcome = board.vote('q_3', true);
    await Promise.resolve();
    expect(votes('q_3')).to.equal(4); // optimistic
    expect(state().voting.has('q_3')).to.equal(true);
    // The backend counts it and the stream says so before the answer comes back.
    api.sessions.get('maison-verte/dimanche-live')!.questions.get('q_3')!.voters.add(member.id);
    live.update('q_3', { votes: 4 });
    await waitUntil(() => live.lastEventId === '1');
    await new Promise((r) => setTimeout(r));
    expect(votes('q_3')).to.be.oneOf([4, 5]); // may show +1 while in flight…
    hold();
    expect(await outcome).to.deep.equal({ ok: true });
    expect(votes('q_3')).to.equal(4); // …but settles on the truth
    expect(state().questions.get('q_3')!.votedByMe).to.equal(true);
    expect(state().voting.size).to.equal(0);
  });

  it('buffers events during a resync and applies only those newer than the reload', async () => {
    await start();
    const hold = api.hold('listQuestions');
    live.resync();
    await waitUntil(() => api.count('listQuestions') === 2, 'no reload');
    live.addQuestions(1, { text: 'During the reload' }); // id 1, in the reload's page
    live.otherVotes('q_1', 1); // id 2, too
    hold();
    await waitUntil(() => state().questions.has('q_4'), 'not replaced');
    expect(votes('q_1')).to.equal(13);
    live.otherVotes('q_1', 1); // id 3: after the reload
    await waitUntil(() => votes('q_1') === 14);
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
    await new Promise((r) => setTimeout(r));
    expect(live.subscribers).to.equal(0);
    expect(qaBoard({ key: 'adapter', api }, 'maison-verte', 'dimanche-live')).not.to.equal(board);
  });
});
