// A child process for the cross-process publishing test: publishes the given keys to one sandbox
// account through its own database handle, then prints the external ids as JSON.
import { openDatabase, type DatabaseOptions } from '../../db/database.ts';
import { systemClock } from '../../platform/clock.ts';
import { createSandboxConnector } from './sandbox.connector.ts';

interface ChildInput {
  database: DatabaseOptions;
  workspaceId: string;
  accountId: string;
  keys: string[];
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const db = openDatabase(input.database);
try {
  const connector = createSandboxConnector({
    db,
    clock: systemClock,
    workspaceId: input.workspaceId,
    accountId: input.accountId,
  });
  const ids: string[] = [];
  for (const key of input.keys) {
    ids.push(
      (await connector.publish({ idempotencyKey: key, text: `post ${key}`, media: [] })).externalId,
    );
  }
  process.stdout.write(JSON.stringify(ids));
} finally {
  await db.close();
}
