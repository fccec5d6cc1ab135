import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { setUpOwner } from '../../test/factories.ts';
import { jobCatalog } from './job-catalog.ts';
import { createJobQueue, startScheduler, startWorker } from './jobs/index.ts';
import { FakeClock } from './platform/clock.ts';
import { silentLogger } from './platform/logger.ts';

let t: TestApp;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock(Date.now());
  t = await createTestApp({ clock });
});
afterEach(async () => {
  await t.close();
});

describe('maintenance jobs', () => {
  it('are scheduled by cron and purge expired sessions and old succeeded jobs', async () => {
    await setUpOwner(t);
    const { registry, crons } = jobCatalog(t.services);
    expect(registry.names()).toEqual([
      'analytics.channel.backfill',
      'analytics.import.run',
      'analytics.metrics.collect',
      'analytics.metrics.sweep',
      'auth.sessions.purge',
      'feedback.overdue.notify',
      'feedback.overdue.sweep',
      'feedback.raiser.notify',
      'inbox.channel.collect',
      'inbox.collect.sweep',
      'inbox.message.hide',
      'inbox.replies.sweep',
      'inbox.reply.reconcile',
      'inbox.reply.send',
      'jobs.succeeded.purge',
      'media.expiry.alert',
      'media.expiry.sweep',
      'publishing.due.sweep',
      'publishing.target.deliver',
      'publishing.target.reconcile',
      'routing.conversations.sync',
      'routing.csat.send',
      'routing.messages.route',
      'routing.sla.escalate',
      'routing.sla.sweep',
      'routing.timers.reconcile',
    ]);
    const db = t.database.db;

    const queue = createJobQueue(db, clock);
    const old = await queue.enqueue(registry.get('auth.sessions.purge')!, {});
    await db.kysely
      .updateTable('job')
      .set({ status: 'succeeded', finished_at: clock.now() })
      .where('id', '=', old.id)
      .execute();
    // Thirty-one days on, the session has expired and last month's job is stale.
    clock.advance(31 * 24 * 60 * 60 * 1000);

    const scheduler = startScheduler({
      db,
      clock,
      logger: silentLogger(),
      registry,
      entries: crons,
      tickMs: 60_000,
      catchUpMs: 24 * 60 * 60 * 1000,
    });
    await scheduler.stop();
    const worker = startWorker({
      db,
      clock,
      logger: silentLogger(),
      registry,
      workerId: 'w1',
      concurrency: 4,
      pollIntervalMs: 10,
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const page = await db.kysely.selectFrom('job').select(['name', 'status']).execute();
      const pending = page.filter((j) => j.status !== 'succeeded' && j.status !== 'dead');
      if (page.length >= 2 && pending.length === 0) break;
      if (Date.now() > deadline) throw new Error(`jobs did not finish: ${JSON.stringify(page)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await worker.stop();

    const sessions = await db.kysely.selectFrom('session').selectAll().execute();
    expect(sessions).toEqual([]);
    const jobs = await db.kysely.selectFrom('job').select(['id', 'name', 'status']).execute();
    expect(jobs.every((j) => j.status === 'succeeded')).toBe(true);
    expect(jobs.map((j) => j.name).sort()).toEqual([
      'analytics.metrics.sweep',
      'auth.sessions.purge',
      'feedback.overdue.sweep',
      'inbox.collect.sweep',
      'inbox.replies.sweep',
      'jobs.succeeded.purge',
      'media.expiry.sweep',
      'publishing.due.sweep',
      'routing.sla.sweep',
      'routing.timers.reconcile',
    ]);
    expect(jobs.some((j) => j.id === old.id)).toBe(false);
  });
});
