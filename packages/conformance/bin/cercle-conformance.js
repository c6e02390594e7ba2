#!/usr/bin/env node
// Resolves to dist/cli.js, or to src/cli.ts under `node --conditions=source --import tsx`.
import { main } from '@cercle/conformance/cli';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`cercle-conformance: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
