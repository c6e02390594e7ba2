// Types of first-load.mjs, for the client's bundle test that imports it.
import type { Plugin } from 'esbuild';

export function firstLoad(options: {
  root: string;
  entry?: string;
  stdin?: { contents: string; sourcefile: string };
  plugins?: Plugin[];
}): Promise<{
  chunks: { path: string; contents: Uint8Array; first: boolean }[];
  /** The source files (root-relative) in the first load. */
  inputs: string[];
}>;
