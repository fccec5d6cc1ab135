import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The version from package.json, reported by the API and the CLI. */
export const VERSION: string = (require('../../package.json') as { version: string }).version;
