/**
 * The whole suite against the mock (`@cercle/mock`): msw in this process answering from the
 * reference server's app over SQLite in memory, with the server's default rate limits. The
 * same checks as against the SQLite server (sqlite.test.ts): a rule that differs fails here.
 */
import { describeConformance } from '@cercle/conformance/vitest';
import { setupMockServer } from '@cercle/mock/node';
import { afterAll, beforeAll } from 'vitest';

const url = 'http://mock.cercle.test';
const hostKey = 'conformance-mock-key-0123456789';
const mock = setupMockServer({ baseUrl: url, hostKey });

beforeAll(async () => {
  mock.listen({ onUnhandledRequest: 'error' });
  await mock.backend.store;
});

afterAll(() => mock.close());

describeConformance('the mock (msw over the server’s app, SQLite in memory)', () => ({
  url,
  hostKey,
}));
