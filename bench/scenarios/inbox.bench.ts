// Inbox ingest throughput: MESSAGES inbound messages (comments, threaded replies, DMs from a pool
// of people) stored through the real collection path — deduplicated, enriched by the classifier
// and moderation dependencies, threaded into conversations with contacts, counters updated — one
// page of PAGE messages per transaction, as the collector does. The baseline is a raw multi-row
// insert of the same message rows, page by page in the same run on the same database.
//
// The enrichment is the real one: the workspace's classifier (trained once, then cached) reads
// every message and moderation screens it, as services.ts wires them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/server/config.ts';
import { createInboxService } from '../../src/server/modules/inbox/index.ts';
import type { InboundMessage } from '../../src/server/connectors/index.ts';
import type { Db } from '../../src/server/db/database.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { silentLogger } from '../../src/server/platform/logger.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import { benchTargets, type BenchDatabase } from '../bench-db.ts';
import { round, type BenchResult, type Scenario } from '../scenario.ts';

const MESSAGES = Number(process.env.OPSLOOP_BENCH_INBOX_MESSAGES ?? 20_000);
const PAGE = 500;
const PEOPLE = 3_000;
const POSTS = 300;
const SECRET_KEY = Buffer.alloc(32, 7);
const TARGET_PER_SECOND = 3_000;

const TEXTS = [
  '这个新品什么时候有货？',
  '客服一直不回，太失望了',
  '绝了！拿铁 yyds 😍',
  '求链接！',
  '收到的咖啡豆漏了，怎么申请售后？',
  'When does the new blend ship to Shanghai?',
  'Love this, ordered two bags already!',
  'My order is a week late and nobody answers.',
  '包装好好看，送人很有面子',
  '涨价了还缩水，呵呵',
];

export const scenario: Scenario = {
  name: 'inbox',
  async *run() {
    for (const target of benchTargets()) {
      for (const enrichment of ['wired', 'none'] as const) {
        const bench = await target.create();
        try {
          yield await measure(bench, target.dialect, enrichment);
        } finally {
          await bench.drop();
        }
      }
    }
  },
};

function servicesFor(db: Db): Services {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-bench-inbox-'));
  return createServices({
    config: loadConfig({ OPSLOOP_DATA_DIR: dataDir }),
    db,
    clock: systemClock,
    logger: silentLogger(),
    secretKey: SECRET_KEY,
  });
}

/** Pages of messages as a connector returns them: oldest first, with replies to earlier comments. */
function generatePages(now: number): InboundMessage[][] {
  const messages: InboundMessage[] = [];
  const comments: string[] = [];
  let state = 12345;
  const rand = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let i = 0; i < MESSAGES; i++) {
    const person = Math.floor(rand() * PEOPLE);
    const author = {
      externalId: `u${person}`,
      handle: `fan_${person}`,
      displayName: `粉丝${person}`,
      followers: Math.floor(rand() * 5000),
    };
    const createdAt = now - (MESSAGES - i) * 1000;
    const text = `${TEXTS[i % TEXTS.length]} #${i}`;
    const roll = rand();
    const post = `post${Math.floor(rand() * POSTS)}`;
    if (roll < 0.3) {
      messages.push({
        externalId: `dm${i}`,
        kind: 'direct_message',
        postExternalId: null,
        parentExternalId: null,
        author,
        text,
        createdAt,
      });
    } else if (roll < 0.8 || comments.length === 0) {
      const id = `c${i}`;
      comments.push(id);
      messages.push({
        externalId: id,
        kind: 'comment',
        postExternalId: post,
        parentExternalId: post,
        author,
        text,
        createdAt,
      });
    } else {
      const parent = comments[Math.floor(rand() * comments.length)]!;
      messages.push({
        externalId: `r${i}`,
        kind: 'reply',
        postExternalId: post,
        parentExternalId: parent,
        author,
        text,
        createdAt,
      });
    }
  }
  const pages: InboundMessage[][] = [];
  for (let i = 0; i < messages.length; i += PAGE) pages.push(messages.slice(i, i + PAGE));
  return pages;
}

async function seed(services: Services): Promise<{ workspaceId: string; channelIds: string[] }> {
  const { session } = await services.auth.setup(
    {
      name: 'Bench',
      email: 'bench@example.com',
      password: 'bench-password',
      workspaceName: 'Bench',
    },
    { ip: null, userAgent: null },
    null,
  );
  const workspaceId = session.workspaces[0]!.id;
  const scope = { workspaceId, role: 'owner' as const, channelIds: null };
  const actor = {
    userId: session.user.id,
    tokenId: null,
    label: 'Bench',
    ip: null,
    requestId: null,
  };
  const channelIds: string[] = [];
  for (const name of ['Weibo', 'Baseline']) {
    const channel = await services.channels.create(
      scope,
      { platform: 'sandbox', style: 'weibo', name },
      actor,
    );
    channelIds.push(channel.id);
  }
  return { workspaceId, channelIds };
}

/** The plainest way to store the same rows: one multi-row insert per page, in a transaction. */
async function baselineInsert(
  db: Db,
  workspaceId: string,
  channelId: string,
  pages: InboundMessage[][],
): Promise<number> {
  const conversationId = newId();
  const started = performance.now();
  for (const page of pages) {
    const now = Date.now();
    const rows = page.map((m) => ({
      workspace_id: workspaceId,
      id: newId(now),
      channel_id: channelId,
      conversation_id: conversationId,
      external_id: m.externalId,
      direction: 'in',
      kind: m.kind,
      parent_external_id: m.parentExternalId,
      post_external_id: m.postExternalId,
      contact_id: null,
      author_external_id: m.author.externalId,
      author_handle: m.author.handle,
      author_name: m.author.displayName,
      user_id: null,
      text: m.text,
      mentions_json: null,
      created_at: m.createdAt,
      received_at: now,
      language: null,
      sentiment: null,
      sentiment_score: null,
      intent: null,
      intent_confidence: null,
      priority: 1,
      moderation_action: null,
      moderation_json: null,
      hidden_at: null,
      status: 'received',
      reply_to_id: null,
      idempotency_key: null,
      attempts: 0,
      last_error: null,
      error_action: null,
      sent_at: null,
      updated_at: now,
    }));
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 300) {
        await trx
          .insertInto('inbox_message')
          .values(rows.slice(i, i + 300))
          .execute();
      }
    });
  }
  return (performance.now() - started) / 1000;
}

/**
 * `wired`: the inbox as services.ts builds it (classifier and moderation read every message).
 * `none`: the same path without the readers, to show what storing costs on its own.
 */
async function measure(
  bench: BenchDatabase,
  dialect: 'sqlite' | 'postgres',
  enrichment: 'wired' | 'none',
): Promise<BenchResult> {
  const services = servicesFor(bench.db);
  const { workspaceId, channelIds } = await seed(services);
  const [channelId, baselineChannelId] = channelIds as [string, string];
  const inbox =
    enrichment === 'wired'
      ? services.inbox
      : createInboxService({
          db: bench.db,
          clock: systemClock,
          logger: silentLogger(),
          audit: services.audit,
          notifications: services.notifications,
          jobs: services.jobs,
          connectors: services.connectors,
          channels: services.channels,
        });
  const now = Date.now();
  const pages = generatePages(now);

  const baselineSeconds = await baselineInsert(bench.db, workspaceId, baselineChannelId, pages);
  await bench.db.kysely.deleteFrom('inbox_message').execute();
  // A workspace's classifier is trained on its first message and kept: a one-time cost per
  // process, not part of the throughput, so a few messages on the other channel come first.
  await inbox.ingestPage({
    workspaceId,
    channelId: baselineChannelId,
    items: pages[0]!.slice(0, 5),
    historyBefore: 0,
    now,
  });

  const started = performance.now();
  let inserted = 0;
  const conversations = new Set<string>();
  for (const page of pages) {
    const result = await inbox.ingestPage({
      workspaceId,
      channelId,
      items: page,
      historyBefore: 0,
      now: Date.now(),
    });
    inserted += result.inserted;
    for (const id of result.conversationIds) conversations.add(id);
  }
  const seconds = (performance.now() - started) / 1000;

  // The same pages again (a crash before the cursor moved): nothing is stored twice.
  const repeatStarted = performance.now();
  let repeated = 0;
  for (const page of pages.slice(0, 20)) {
    repeated += (
      await inbox.ingestPage({ workspaceId, channelId, items: page, historyBefore: 0, now })
    ).inserted;
  }
  const repeatSeconds = (performance.now() - repeatStarted) / 1000;

  const perSecond = inserted / seconds;
  const baselinePerSecond = MESSAGES / baselineSeconds;
  return {
    scenario: enrichment === 'wired' ? 'inbox' : 'inbox-store-only',
    db: dialect,
    value: round(perSecond),
    unit: 'messages/s',
    baseline: round(baselinePerSecond),
    ratio: round(perSecond / baselinePerSecond, 3),
    baselineUnit: 'raw multi-row inserts of the same message rows/s (same run)',
    target: TARGET_PER_SECOND,
    meetsTarget: perSecond >= TARGET_PER_SECOND,
    messages: MESSAGES,
    stored: inserted,
    conversations: conversations.size,
    pageSize: PAGE,
    seconds: round(seconds, 3),
    duplicatesStoredOnRepeat: repeated,
    repeatedPagesPerSecond: round(20 / repeatSeconds, 1),
    enrichment:
      enrichment === 'wired' ? 'classifier + moderation (as wired in services.ts)' : 'none',
  };
}
