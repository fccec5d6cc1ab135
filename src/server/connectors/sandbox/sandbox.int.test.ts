import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/db.ts';
import { AppError } from '../../platform/app-error.ts';
import { FakeClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { ConnectorError, type InboundMessage } from '../connector.ts';
import {
  createSandboxAccount,
  createSandboxConnector,
  generateSandboxHistory,
  listSandboxMessages,
  listSandboxPosts,
  listSandboxPublishCalls,
  listSandboxReplies,
  localWeekdayHour,
  openSandboxConnector,
  PLATFORM_STYLES,
  readMessageTruth,
  readSandboxTruth,
  updateSandboxFailures,
  type PlatformStyle,
} from './index.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function setUp(platformStyle: PlatformStyle = 'weibo', seed = 1234) {
  const clock = new FakeClock('2026-03-02T04:00:00.000Z');
  const workspaceId = newId();
  const account = await createSandboxAccount(t.db, clock, { workspaceId, platformStyle, seed });
  const ref = { workspaceId, accountId: account.id };
  const connector = createSandboxConnector({ db: t.db, clock, ...ref });
  return { clock, workspaceId, account, ref, connector };
}

const request = (idempotencyKey: string, text = '新品上线！你最想先试哪一款？ #新品#') => ({
  idempotencyKey,
  text,
  media: [],
});

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ConnectorError) return error.kind;
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('publishing', () => {
  it('creates one post per idempotency key and records every call', async () => {
    const { connector, ref, account } = await setUp();
    const first = await connector.publish(request('post-1:channel-1'));
    const again = await connector.publish(request('post-1:channel-1'));
    expect(again).toEqual(first);
    expect(first.url).toBe(
      `https://sandbox.opsloop.local/weibo/${account.handle}/${first.externalId}`,
    );
    expect(await connector.findPublished('post-1:channel-1')).toEqual(first);
    expect(await connector.findPublished('never-sent')).toBeNull();
    const calls = await listSandboxPublishCalls(t.db, ref);
    expect(calls.map((c) => [c.idempotency_key, c.attempt, c.outcome, c.post_id])).toEqual([
      ['post-1:channel-1', 0, 'created', first.externalId],
      ['post-1:channel-1', 1, 'existing', first.externalId],
    ]);
    const posts = await listSandboxPosts(t.db, ref);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.topics_json ?? '[]')).toEqual(['新品']);
  });

  it('creates exactly once when two connector instances race on one key', async () => {
    const { clock, ref } = await setUp();
    const a = createSandboxConnector({ db: t.db, clock, ...ref });
    const b = createSandboxConnector({ db: t.db, clock, ...ref });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).publish(request('race-key'))),
    );
    expect(new Set(results.map((r) => r.externalId)).size).toBe(1);
    expect(await listSandboxPosts(t.db, ref)).toHaveLength(1);
    const calls = await listSandboxPublishCalls(t.db, ref, 'race-key');
    expect(calls).toHaveLength(8);
    expect(calls.filter((c) => c.outcome === 'created')).toHaveLength(1);
    expect(calls.filter((c) => c.outcome === 'existing')).toHaveLength(7);
  });

  it('creates exactly once when two processes race on the same keys', async () => {
    const { ref } = await setUp();
    const keys = Array.from({ length: 15 }, (_, i) => `proc-key-${i}`);
    const run = (order: string[]) =>
      new Promise<string[]>((resolve, reject) => {
        const input = JSON.stringify({ database: t.options, ...ref, keys: order });
        execFile(
          process.execPath,
          [fileURLToPath(new URL('./sandbox-publish.fixture.ts', import.meta.url)), input],
          { timeout: 20_000 },
          (error, stdout, stderr) =>
            error
              ? reject(new Error(`${error.message}\n${stderr}`))
              : resolve(JSON.parse(stdout) as string[]),
        );
      });
    const [a, b] = await Promise.all([run(keys), run([...keys].reverse())]);
    expect(a).toEqual([...(b ?? [])].reverse());
    expect((await listSandboxPosts(t.db, ref)).map((p) => p.idempotency_key).sort()).toEqual(
      [...keys].sort(),
    );
    const calls = await listSandboxPublishCalls(t.db, ref);
    expect(calls).toHaveLength(30);
    expect(calls.filter((c) => c.outcome === 'created')).toHaveLength(15);
  });

  it('fails retryably without creating anything', async () => {
    const { connector, ref, clock } = await setUp();
    await updateSandboxFailures(t.db, clock, ref, { failureRate: 1 });
    await expect(connector.publish(request('flaky'))).rejects.toMatchObject({
      kind: 'retryable',
      retryAfterMs: 1000,
    });
    expect(await connector.findPublished('flaky')).toBeNull();
    expect(await listSandboxPosts(t.db, ref)).toHaveLength(0);
    await updateSandboxFailures(t.db, clock, ref, { failureRate: 0 });
    const published = await connector.publish(request('flaky'));
    const calls = await listSandboxPublishCalls(t.db, ref, 'flaky');
    expect(calls.map((c) => [c.attempt, c.outcome])).toEqual([
      [0, 'retryable'],
      [1, 'created'],
    ]);
    expect(calls[1]?.post_id).toBe(published.externalId);
  });

  it('times out after creating the post, which findPublished then finds', async () => {
    const { connector, ref, clock } = await setUp();
    await updateSandboxFailures(t.db, clock, ref, { timeoutRate: 1 });
    await expect(connector.publish(request('slow'))).rejects.toMatchObject({
      kind: 'unknown_outcome',
    });
    const found = await connector.findPublished('slow');
    expect(found?.publishedAt).toBe(clock.now());
    const calls = await listSandboxPublishCalls(t.db, ref, 'slow');
    expect(calls.map((c) => [c.outcome, c.post_id])).toEqual([
      ['unknown_outcome', found?.externalId],
    ]);
  });

  it('draws failures deterministically per key and attempt', async () => {
    const outcomes = async () => {
      const { connector, ref, clock } = await setUp('weibo', 99);
      await updateSandboxFailures(t.db, clock, ref, { failureRate: 0.3, timeoutRate: 0.3 });
      const out: string[] = [];
      for (let i = 0; i < 12; i++) out.push(await kindOf(connector.publish(request(`k${i % 4}`))));
      return out;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });

  it('rejects what breaks the limits, says what to cut, and records the call', async () => {
    const { connector, ref } = await setUp('weibo');
    const error = await connector
      .publish(request('long', '好'.repeat(141)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'rejected', action: 'Cut 1 characters from the text.' });
    expect((await listSandboxPublishCalls(t.db, ref)).map((c) => c.outcome)).toEqual(['rejected']);
    expect(await listSandboxPosts(t.db, ref)).toHaveLength(0);
    expect(connector.limits.maxTextLength).toBe(140);
  });

  it('reports expired credentials as an auth error on every call', async () => {
    const { connector, ref, clock } = await setUp();
    expect((await connector.verify()).handle).toMatch(/_weibo$/);
    await updateSandboxFailures(t.db, clock, ref, { authExpired: true });
    expect(await kindOf(connector.verify())).toBe('auth');
    expect(await kindOf(connector.publish(request('x')))).toBe('auth');
    expect(await kindOf(connector.fetchMessages(null))).toBe('auth');
    expect((await listSandboxPublishCalls(t.db, ref)).map((c) => c.outcome)).toEqual(['auth']);
  });

  it('reports another workspace’s account as not found', async () => {
    const { clock, account } = await setUp();
    const other = { workspaceId: newId(), accountId: account.id };
    const connector = createSandboxConnector({ db: t.db, clock, ...other });
    expect(await kindOf(connector.verify())).toBe('not_found');
    expect(await kindOf(connector.publish(request('x')))).toBe('not_found');
    expect(await kindOf(connector.fetchMessages(null))).toBe('not_found');
    expect(await kindOf(readSandboxTruth(t.db, other))).toBe('not_found');
    expect(await kindOf(openSandboxConnector({ db: t.db, clock, ...other }))).toBe('not_found');
  });
});

describe('metrics', () => {
  it('grows over time, is stable at a given time, and leaves unknown ids out', async () => {
    const { connector, clock } = await setUp('douyin');
    const published = await connector.publish(request('m1', '教程来了，三步搞定冷萃？ #教程'));
    clock.advance(2 * HOUR);
    const [early] = await connector.fetchMetrics([published.externalId, 'nope']);
    expect(await connector.fetchMetrics([published.externalId])).toEqual([early]);
    clock.advance(3 * DAY);
    const [late] = await connector.fetchMetrics([published.externalId]);
    expect(early && late).toBeTruthy();
    expect(late?.likes).toBeGreaterThan(early?.likes ?? Infinity);
    expect(late?.observedAt).toBe(clock.now());
  });
});

/** Mean engagement per local publishing hour, as the simplest analytics would compute it. */
function bestHourByMeanEngagement(
  posts: Array<{ publishedAt: number; engagement: number }>,
  timeZone: string,
): number {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const p of posts) {
    const { hour } = localWeekdayHour(p.publishedAt, timeZone);
    const s = sums.get(hour) ?? { sum: 0, n: 0 };
    sums.set(hour, { sum: s.sum + p.engagement, n: s.n + 1 });
  }
  return [...sums.entries()].sort((a, b) => b[1].sum / b[1].n - a[1].sum / a[1].n)[0]?.[0] ?? -1;
}

function spearman(a: number[], b: number[]): number {
  const rank = (xs: number[]) => xs.map((x) => xs.filter((y) => y < x).length);
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((sum, r, i) => sum + (r - (rb[i] ?? 0)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('history', () => {
  it.each(PLATFORM_STYLES)(
    '%s: 60 days of history reveal the true best hour (±1) and topic ranking',
    async (style) => {
      const { clock, ref, connector } = await setUp(style, 4242);
      const history = await generateSandboxHistory(t.db, clock, ref, { days: 60 });
      expect(history).toHaveLength(180);
      expect(history.every((p) => p.publishedAt < clock.now())).toBe(true);
      const again = await generateSandboxHistory(t.db, clock, ref, { days: 60 });
      expect(again.map((p) => p.externalId)).toEqual(history.map((p) => p.externalId));
      expect(await listSandboxPosts(t.db, ref)).toHaveLength(180);

      const truth = await readSandboxTruth(t.db, ref);
      const settled = history.filter((p) => clock.now() - p.publishedAt > 3 * DAY);
      const metrics = await connector.fetchMetrics(settled.map((p) => p.externalId));
      const engagement = new Map(
        metrics.map((m) => [m.externalId, m.likes + m.comments + m.shares + (m.saves ?? 0)]),
      );
      const rows = settled.map((p) => ({ ...p, engagement: engagement.get(p.externalId) ?? 0 }));
      const best = bestHourByMeanEngagement(rows, truth.account.timeZone);
      expect(Math.abs(best - truth.bestHourOverall)).toBeLessThanOrEqual(1);

      const topics = Object.keys(truth.topicAffinities);
      const meanByTopic = topics.map((topic) => {
        const of = rows.filter((r) => r.topics.includes(topic));
        return of.reduce((s, r) => s + r.engagement, 0) / of.length;
      });
      expect(
        spearman(
          topics.map((tp) => truth.topicAffinity(tp)),
          meanByTopic,
        ),
      ).toBeGreaterThanOrEqual(0.8);
    },
  );

  it('writes texts that fit the platform, in its language', async () => {
    const { clock, ref } = await setUp('bluesky', 7);
    const history = await generateSandboxHistory(t.db, clock, ref, {
      days: 3,
      topics: ['launch', 'tutorial'],
    });
    expect(history).toHaveLength(9);
    for (const p of history) {
      expect(p.text).toMatch(/[a-z]/);
      expect([...p.text].length).toBeLessThanOrEqual(300);
    }
  });
});

describe('inbox', () => {
  async function readAll(
    connector: ReturnType<typeof createSandboxConnector>,
    cursor: string | null,
  ): Promise<{ items: InboundMessage[]; cursor: string | null; pages: number }> {
    const items: InboundMessage[] = [];
    let pages = 0;
    for (;;) {
      const page = await connector.fetchMessages(cursor);
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(100);
      items.push(...page.items);
      cursor = page.cursor;
      if (page.items.length === 0) return { items, cursor, pages };
    }
  }

  it('pages through messages whose time has come, never repeating one', async () => {
    const { clock, ref, connector } = await setUp('xiaohongshu', 31);
    await generateSandboxHistory(t.db, clock, ref, { days: 6 });
    const first = await readAll(connector, null);
    expect(first.pages).toBeGreaterThan(2);
    const ids = first.items.map((m) => m.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.items.every((m) => m.createdAt <= clock.now())).toBe(true);
    const kinds = new Set(first.items.map((m) => m.kind));
    expect(kinds).toContain('comment');
    expect(kinds).toContain('direct_message');
    expect(ids).toEqual(
      (await listSandboxMessages(t.db, clock, ref)).map((m) => m.message.externalId),
    );

    await connector.publish(request('fresh', '新品上线！你最想先试哪一款？😍 #新品'));
    clock.advance(12 * HOUR);
    const second = await readAll(connector, first.cursor);
    expect(second.items.length).toBeGreaterThan(0);
    const all = [...ids, ...second.items.map((m) => m.externalId)];
    expect(new Set(all).size).toBe(all.length);
    expect(second.items.every((m) => m.createdAt > clock.now() - 12 * HOUR)).toBe(true);
    expect(second.items.some((m) => m.postExternalId?.startsWith('sp'))).toBe(true);
    expect((await connector.fetchMessages(second.cursor)).items).toEqual([]);
  });

  it('keeps the labels out of messages but readable as truth', async () => {
    const { clock, ref, connector } = await setUp('weibo', 8);
    await generateSandboxHistory(t.db, clock, ref, { days: 2 });
    const { items } = await connector.fetchMessages(null);
    const message = items[0];
    expect(message).toBeDefined();
    expect(Object.keys(message ?? {})).not.toContain('sentiment');
    const truth = await readMessageTruth(t.db, clock, ref, message?.externalId ?? '');
    expect(truth?.externalId).toBe(message?.externalId);
    expect(['negative', 'neutral', 'positive']).toContain(truth?.sentiment);
    expect(await readMessageTruth(t.db, clock, ref, 'nope.c1')).toBeNull();
    const zh = items.filter((m) => /[\u4e00-\u9fff]/.test(m.text)).length;
    expect(zh / items.length).toBeGreaterThan(0.7);
  });

  it('records a reply once per idempotency key', async () => {
    const { clock, ref, connector } = await setUp('bluesky', 12);
    await generateSandboxHistory(t.db, clock, ref, { days: 2 });
    const { items } = await connector.fetchMessages(null);
    const target = items[0];
    if (!target) throw new Error('expected a message');
    const to = { externalId: target.externalId, kind: target.kind };
    const a = await connector.reply(to, 'Thanks! DM us your order number.', 'reply-1');
    const b = await connector.reply(to, 'Thanks! DM us your order number.', 'reply-1');
    expect(b).toEqual(a);
    await connector.reply(to, 'Another one', 'reply-2');
    const replies = await listSandboxReplies(t.db, ref);
    expect(replies.map((r) => [r.idempotency_key, r.to_external_id])).toEqual([
      ['reply-1', target.externalId],
      ['reply-2', target.externalId],
    ]);
    expect(
      await kindOf(connector.reply({ externalId: 'sp0.c999', kind: 'comment' }, 'hi', 'r3')),
    ).toBe('rejected');
  });
});

describe('audience', () => {
  it('reports an activity grid close to the truth, and followers that grow', async () => {
    const { clock, ref, connector } = await setUp('wechat', 5);
    const truth = await readSandboxTruth(t.db, ref);
    const reported = await connector.audienceActivity();
    expect(reported).toHaveLength(7);
    reported?.forEach((row, w) =>
      row.forEach((v, h) =>
        expect(Math.abs(v - (truth.activityGrid[w]?.[h] ?? 0))).toBeLessThan(0.06),
      ),
    );
    const before = (await connector.verify()).followers ?? 0;
    clock.advance(30 * DAY);
    expect((await connector.verify()).followers).toBeGreaterThan(before);
    expect(truth.followersAt(clock.now())).toBe((await connector.verify()).followers);
  });
});
