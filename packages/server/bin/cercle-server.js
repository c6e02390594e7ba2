#!/usr/bin/env node
// Resolves to dist/cli.js, or to src/cli.ts under `node --conditions=source --import tsx`.
import { main } from '@cercle/server/cli';

main(process.argv.slice(2)).catch((error) => {
  console.error(`cercle-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
