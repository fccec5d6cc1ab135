import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSandboxPublishCalls } from '../../connectors/index.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { systemClock } from '../../platform/clock.ts';
import { silentLogger } from '../../platform/logger.ts';
import { createServices, type Services } from '../../services.ts';

// The promise of the publishing loop: a worker killed (SIGKILL) in the middle of a burst loses no
// post and doubles none. Real `opsloop serve --roles=worker` processes share the test's database.
const root = path.resolve(import.meta.dirname, '../../../..');
const POSTS = 120;
const SECRET = 'cd'.repeat(32);

let scratch: ScratchDatabase;
let dataDir: string;
let services: Services;
let workerEnv: Record<string, string>;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin/opsloop.js'), 'serve', '--roles=worker'],
    {
      cwd: root,
      env: { ...process.env, ...workerEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  workers.push(child);
  return child;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function countTargets(statuses: string[]): Promise<number> {
  const row = await scratch.db.kysely
    .selectFrom('post_target')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-crash-'));
  const pgUrl =
    process.env.OPSLOOP_TEST_DB === 'postgres' ? process.env.OPSLOOP_TEST_DATABASE_URL : undefined;
  if (pgUrl) {
    scratch = await createScratchDatabase('crash', pgUrl);
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${scratch.options.pgSchema}`);
    workerEnv = { DATABASE_URL: url.toString() };
  } else {
    // The workers find the database where `opsloop serve` keeps it: <data dir>/opsloop.db.
    const sqlitePath = path.join(dataDir, 'opsloop.db');
    const db = openDatabase({ sqlitePath });
    await migrateToLatest(db);
    scratch = { db, options: { sqlitePath }, drop: () => db.close() };
    workerEnv = { DATABASE_URL: '' };
  }
  Object.assign(workerEnv, {
    OPSLOOP_DATA_DIR: dataDir,
    OPSLOOP_SECRET_KEY: SECRET,
    OPSLOOP_JOB_LEASE_MS: '1500',
    OPSLOOP_WORKER_CONCURRENCY: '4',
    OPSLOOP_LOG_LEVEL: 'error',
  });
  services = createServices({
    config: loadConfig({ OPSLOOP_DATA_DIR: dataDir }),
    db: scratch.db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: Buffer.from(SECRET, 'hex'),
  });
}, 60_000);

afterAll(async () => {
  for (const child of workers)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await scratch.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a worker killed mid-burst', () => {
  it('leaves every post published exactly once', async () => {
    const { session } = await services.auth.setup(
      {
        name: 'Olivia',
        email: 'olivia@example.com',
        password: 'a-strong-password',
        workspaceName: 'Crash',
      },
      { ip: null, userAgent: null },
      null,
    );
    const workspace = session.workspaces[0]!;
    const scope = { workspaceId: workspace.id, role: 'owner' as const, channelIds: null };
    const actor = {
      userId: session.user.id,
      tokenId: null,
      label: 'Olivia',
      ip: null,
      requestId: null,
    };
    const channels = [
      await services.channels.create(
        scope,
        { platform: 'sandbox', style: 'weibo', name: 'Weibo' },
        actor,
      ),
      await services.channels.create(
        scope,
        { platform: 'sandbox', style: 'bluesky', name: 'Bluesky' },
        actor,
      ),
    ];
    for (let i = 0; i < POSTS; i++) {
      const post = await services.posts.create(
        scope,
        { body: `Burst post ${i} #新品#`, targets: channels.map((c) => ({ channelId: c.id })) },
        actor,
      );
      await services.posts.publishNow(scope, post.id, actor);
    }
    const total = POSTS * channels.length;

    const first = startWorker();
    const second = startWorker();
    await waitUntil(
      async () => (await countTargets(['published'])) >= total / 5,
      60_000,
      'the burst to start',
    );
    // Kill whichever worker holds jobs right now, so the kill lands mid-job.
    let orphaned = 0;
    for (let attempt = 0; attempt < 200 && orphaned === 0; attempt++) {
      const running = await scratch.db.kysely
        .selectFrom('job')
        .select('locked_by')
        .where('status', '=', 'running')
        .where('name', '=', 'publishing.target.deliver')
        .execute();
      const holder = [first, second].find((w) =>
        running.some((job) => job.locked_by?.startsWith(`worker-${w.pid}-`)),
      );
      if (!holder) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
      // What it held when it died: jobs still `running` under its lease.
      orphaned = (
        await scratch.db.kysely
          .selectFrom('job')
          .select('id')
          .where('status', '=', 'running')
          .where('locked_by', 'like', `worker-${holder.pid}-%`)
          .execute()
      ).length;
      if (orphaned === 0) startWorker(); // it finished just before dying: try again
    }
    expect(orphaned, 'the kill should land while the victim holds jobs').toBeGreaterThan(0);
    startWorker(); // the restart
    await waitUntil(
      async () => (await countTargets(['published', 'failed'])) === total,
      90_000,
      'every post to settle',
    );

    const failed = await scratch.db.kysely
      .selectFrom('post_target')
      .select(['last_error'])
      .where('status', '=', 'failed')
      .execute();
    expect(failed.every((f) => (f.last_error ?? '').length > 0)).toBe(true);
    expect(await countTargets(['published'])).toBe(total - failed.length);

    // The sandbox saw each idempotency key create exactly one post and never a blind resend.
    const targets = await scratch.db.kysely
      .selectFrom('post_target')
      .innerJoin('channel', (j) =>
        j
          .onRef('channel.id', '=', 'post_target.channel_id')
          .onRef('channel.workspace_id', '=', 'post_target.workspace_id'),
      )
      .select(['post_target.idempotency_key', 'post_target.status', 'channel.external_account_id'])
      .execute();
    for (const target of targets) {
      const calls = await listSandboxPublishCalls(
        scratch.db,
        { workspaceId: workspace.id, accountId: target.external_account_id! },
        target.idempotency_key,
      );
      const created = calls.filter((c) => c.outcome === 'created');
      expect(created.length, target.idempotency_key).toBe(target.status === 'published' ? 1 : 0);
      expect(
        calls.filter((c) => c.outcome === 'existing'),
        target.idempotency_key,
      ).toEqual([]);
    }
  }, 180_000);
});
