import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { FakeClock } from '../platform/clock.ts';
import { silentLogger } from '../platform/logger.ts';
import { defineCron, type CronEntry } from './cron.ts';
import { createJobRegistry, defineJob } from './job-definition.ts';
import { startScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';

const dailyReport = defineJob({
  name: 'reports.daily.send',
  payload: z.object({ kind: z.literal('daily') }),
  handle: () => {},
});
const daily = defineCron({
  key: 'reports.daily',
  schedule: '0 8 * * *',
  job: dailyReport,
  payload: { kind: 'daily' },
});

let t: TestDatabase;
let clock: FakeClock;
const running: Scheduler[] = [];
const handles: Db[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.db.kysely.deleteFrom('job').execute();
  clock = new FakeClock('2026-01-05T07:59:30.000Z');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await Promise.all(handles.splice(0).map((db) => db.close()));
});

function start(options: Partial<SchedulerOptions> & { entries: readonly CronEntry[] }): Scheduler {
  // A long tick keeps the timer out of the way; the tests drive tick() themselves.
  const scheduler = startScheduler({
    db: t.db,
    clock,
    logger: silentLogger(),
    tickMs: 60_000,
    catchUpMs: 0,
    ...options,
  });
  running.push(scheduler);
  return scheduler;
}

const jobs = () => t.db.kysely.selectFrom('job').selectAll().orderBy('run_at').execute();

describe('scheduler', () => {
  it('enqueues a fire once it is due, with a deterministic dedupe key and run time', async () => {
    const scheduler = start({ entries: [daily] });
    expect(await scheduler.tick()).toBe(0);
    clock.set('2026-01-05T08:00:00.400Z');
    expect(await scheduler.tick()).toBe(1);
    expect(await scheduler.tick()).toBe(0);
    const [job, ...rest] = await jobs();
    expect(rest).toEqual([]);
    expect(job).toMatchObject({
      name: 'reports.daily.send',
      status: 'queued',
      workspace_id: null,
      dedupe_key: 'cron:reports.daily:2026-01-05T08:00:00.000Z',
      run_at: Date.parse('2026-01-05T08:00:00.000Z'),
      payload_json: '{"kind":"daily"}',
    });
  });

  it('enqueues each fire once when two schedulers over two database handles tick together', async () => {
    const second = openDatabase(t.options);
    handles.push(second);
    const a = start({ entries: [daily] });
    const b = start({ entries: [daily], db: second });
    const hourly = defineCron({
      key: 'reports.hourly',
      schedule: '0 * * * *',
      job: dailyReport,
      payload: { kind: 'daily' },
    });
    const c = start({ entries: [daily, hourly] });
    const d = start({ entries: [hourly], db: second });
    await Promise.all([a.tick(), b.tick(), c.tick(), d.tick()]);
    clock.set('2026-01-05T08:00:01.000Z');
    const created = await Promise.all([a.tick(), b.tick(), c.tick(), d.tick()]);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect((await jobs()).map((j) => j.dedupe_key).sort()).toEqual([
      'cron:reports.daily:2026-01-05T08:00:00.000Z',
      'cron:reports.hourly:2026-01-05T08:00:00.000Z',
    ]);
  });

  it('catches up only the latest missed fire within the look-back window', async () => {
    // Down since Jan 2; the start-up look-back of three days covers the fires of Jan 3, 4 and 5.
    clock.set('2026-01-05T09:00:00.000Z');
    const scheduler = start({ entries: [daily], catchUpMs: 3 * 24 * 60 * 60 * 1000 });
    await scheduler.tick();
    expect((await jobs()).map((j) => j.dedupe_key)).toEqual([
      'cron:reports.daily:2026-01-05T08:00:00.000Z',
    ]);
    // A restart within the window finds the fire already enqueued.
    const restarted = start({ entries: [daily], catchUpMs: 3 * 24 * 60 * 60 * 1000 });
    expect(await restarted.tick()).toBe(0);
    expect(await jobs()).toHaveLength(1);
  });

  it('reads the schedule in the entry time zone', async () => {
    clock.set('2026-01-04T23:59:00.000Z');
    const shanghai = defineCron({ ...daily, key: 'reports.daily.cn', timezone: 'Asia/Shanghai' });
    const scheduler = start({ entries: [shanghai] });
    expect(await scheduler.tick()).toBe(0);
    clock.set('2026-01-05T00:00:10.000Z'); // 08:00:10 in Shanghai
    expect(await scheduler.tick()).toBe(1);
    expect((await jobs())[0]?.dedupe_key).toBe('cron:reports.daily.cn:2026-01-05T00:00:00.000Z');
  });

  it('refuses bad entries at start-up', () => {
    expect(() => start({ entries: [{ ...daily, schedule: 'at eight' }] })).toThrow(
      /Invalid cron schedule/,
    );
    expect(() => start({ entries: [daily, daily] })).toThrow(/defined twice/);
    expect(() => start({ entries: [{ ...daily, payload: { kind: 'weekly' } }] })).toThrow(
      /payload its job "reports.daily.send" rejects/,
    );
    expect(() => start({ entries: [daily], registry: createJobRegistry([]) })).toThrow(
      /unregistered job/,
    );
  });

  it('ticks on its own timer', async () => {
    clock.set('2026-01-05T08:00:00.000Z');
    start({ entries: [daily], catchUpMs: 1_000, tickMs: 20 });
    const { waitFor } = await import('../../../test/fixtures/jobs-helpers.ts');
    await waitFor(async () => ((await jobs()).length === 1 ? true : undefined));
  });
});
