/**
 * The globals web-test-runner's mocha provides to browser tests (no @types/mocha here).
 */
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: { timeout(ms: number): void }, done: MochaDone) => unknown;

declare global {
  function describe(title: string, fn: () => void): void;
  function it(title: string, fn: MochaFn): void;
  function before(fn: MochaFn): void;
  function after(fn: MochaFn): void;
  function beforeEach(fn: MochaFn): void;
  function afterEach(fn: MochaFn): void;
}

export {};
