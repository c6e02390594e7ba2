/**
 * Imported first by every console test: the shell and the mock read `process.env.NODE_ENV`
 * here and there (nanostores in the client's dependencies), which a bundler would replace.
 */
const g = globalThis as unknown as { process?: { env: Record<string, string> } };
g.process ??= { env: { NODE_ENV: 'development' } };

export {};
