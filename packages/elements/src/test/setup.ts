/**
 * Imported first by every widget test. nanostores reads `process.env.NODE_ENV`, which a
 * bundler replaces (our vite build defines it); the test runner serves modules unbundled,
 * so give it the value a development bundler would.
 */
const g = globalThis as unknown as { process?: { env: Record<string, string> } };
g.process ??= { env: { NODE_ENV: 'development' } };

export {};
