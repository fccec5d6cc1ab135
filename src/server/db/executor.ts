import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** What repository functions run on: the database or an open transaction. */
export type Executor = Kysely<Database>;
