/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Cercle API the widgets talk to (set by `npm start` to the reference server). */
  readonly VITE_CERCLE_API?: string;
  /** `1` under `npm run dev:mock`: answer the API from msw's service worker instead. */
  readonly VITE_CERCLE_MOCK?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

interface Window {
  /** Where the page forwards widget events, as a tag manager would read them. */
  dataLayer?: Record<string, unknown>[];
}
