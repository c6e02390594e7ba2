/** The SDK version. The build (vite.config.ts) fails when it differs from package.json. */
export const VERSION = '0.1.0';
