import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AtpSessionData } from '@atproto/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorError, type Connector } from '../connector.ts';
import {
  BlueskyConfigSchema,
  createBlueskyConnector,
  type BlueskyConnectorOptions,
} from './index.ts';

// A contract fake of the XRPC endpoints the connector uses that a bare PDS cannot answer (the
// App View's getPosts and listNotifications), plus failure modes a real PDS will not produce on
// demand. Shapes follow the lexicons (app.bsky.feed.defs#postView,
// app.bsky.notification.listNotifications#notification).

const CID = 'bafyreidibrnngjdmvstviwfqzd3bedyb5trdezhj5holk55hy4ztx3kq4q';
const ALICE = 'did:plc:alice000000000000000000';
const BOB = { did: 'did:plc:bob00000000000000000000', handle: 'bob.test', displayName: 'Bob' };
const post = (n: number) =>
  `at://${ALICE}/app.bsky.feed.post/3kaaaaaaaa${String(n).padStart(3, '2')}`;

interface Notification {
  uri: string;
  reason: string;
  indexedAt: string;
  record: Record<string, unknown>;
  reasonSubject?: string;
}

interface FakeAppView {
  url: string;
  calls: Array<{ method: string; query: URLSearchParams }>;
  notifications: Notification[];
  /** Answers the next request to `method` with this status and XRPC error body, or hangs. */
  failNext(
    method: string,
    failure:
      { status: number; error: string; message: string; headers?: Record<string, string> } | 'hang',
  ): void;
  close(): Promise<void>;
}

async function startFakeAppView(): Promise<FakeAppView> {
  const calls: FakeAppView['calls'] = [];
  const notifications: Notification[] = [];
  const failures = new Map<string, Parameters<FakeAppView['failNext']>[1]>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = url.pathname.replace('/xrpc/', '');
    calls.push({ method, query: url.searchParams });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    req.resume();
    req.on('end', () => {
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        if (failure === 'hang') return;
        return send(
          failure.status,
          { error: failure.error, message: failure.message },
          failure.headers,
        );
      }
      switch (method) {
        case 'com.atproto.server.createSession':
          return send(200, {
            did: ALICE,
            handle: 'alice.test',
            accessJwt: 'access',
            refreshJwt: 'refresh',
            active: true,
          });
        case 'com.atproto.server.refreshSession':
          return send(200, {
            did: ALICE,
            handle: 'alice.test',
            accessJwt: 'access-2',
            refreshJwt: 'refresh-2',
            active: true,
          });
        case 'com.atproto.server.getSession':
          return send(200, { did: ALICE, handle: 'alice.test', active: true });
        case 'com.atproto.repo.getRecord':
          return send(400, { error: 'RecordNotFound', message: 'Could not locate record' });
        case 'app.bsky.feed.getPosts': {
          const uris = url.searchParams.getAll('uris');
          if (uris.length > 25) return send(400, { error: 'InvalidRequest', message: 'too many' });
          return send(200, {
            posts: uris.map((uri, i) => ({
              uri,
              cid: CID,
              author: { did: ALICE, handle: 'alice.test' },
              record: {
                $type: 'app.bsky.feed.post',
                text: 'x',
                createdAt: '2026-01-05T08:00:00.000Z',
              },
              likeCount: 10 + i,
              repostCount: 2,
              quoteCount: 1,
              replyCount: 3,
              indexedAt: '2026-01-05T08:00:00.000Z',
            })),
          });
        }
        case 'app.bsky.notification.listNotifications': {
          // Newest first, pages of `limit`, the cursor is the offset.
          const sorted = [...notifications].sort((a, b) => b.indexedAt.localeCompare(a.indexedAt));
          const reasons = url.searchParams.getAll('reasons');
          const wanted = reasons.length ? sorted.filter((n) => reasons.includes(n.reason)) : sorted;
          const offset = Number(url.searchParams.get('cursor') ?? 0);
          const limit = Number(url.searchParams.get('limit') ?? 50);
          const page = wanted.slice(offset, offset + limit);
          return send(200, {
            notifications: page.map((n) => ({
              uri: n.uri,
              cid: CID,
              author: BOB,
              reason: n.reason,
              ...(n.reasonSubject ? { reasonSubject: n.reasonSubject } : {}),
              record: n.record,
              isRead: false,
              indexedAt: n.indexedAt,
            })),
            ...(offset + limit < wanted.length ? { cursor: String(offset + limit) } : {}),
          });
        }
        default:
          return send(501, { error: 'MethodNotImplemented', message: method });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    notifications,
    failNext(method, failure) {
      failures.set(method, failure);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let fake: FakeAppView;
beforeEach(async () => {
  fake = await startFakeAppView();
});
afterEach(async () => {
  await fake.close();
});

function connector(options: Partial<BlueskyConnectorOptions> = {}): Connector {
  return createBlueskyConnector({
    config: { service: fake.url, handle: 'alice.test' },
    credentials: { appPassword: 'abcd-efgh-ijkl-mnop' },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

function reply(n: number, at: string, parent = post(1)): Notification {
  return {
    uri: `at://${BOB.did}/app.bsky.feed.post/3kbbbbbbbb${String(n).padStart(3, '2')}`,
    reason: 'reply',
    indexedAt: at,
    record: {
      $type: 'app.bsky.feed.post',
      text: `reply ${n}`,
      createdAt: at,
      reply: { root: { uri: post(1), cid: CID }, parent: { uri: parent, cid: CID } },
    },
  };
}

describe('Bluesky connector against a contract fake', () => {
  it('reads metrics in batches of at most 25 posts', async () => {
    const uris = Array.from({ length: 30 }, (_, i) => post(i));
    const metrics = await connector({ now: () => 1_000 }).fetchMetrics(uris);
    const batches = fake.calls
      .filter((call) => call.method === 'app.bsky.feed.getPosts')
      .map((call) => call.query.getAll('uris').length);
    expect(batches).toEqual([25, 5]);
    expect(metrics).toHaveLength(30);
    expect(metrics[1]).toEqual({
      externalId: post(1),
      observedAt: 1_000,
      impressions: null,
      reach: null,
      likes: 11,
      comments: 3,
      shares: 3,
      saves: null,
      clicks: null,
    });
  });

  it('returns replies, mentions and quotes newer than the cursor, oldest first', async () => {
    fake.notifications.push(
      reply(1, '2026-01-05T08:00:00.000Z'),
      reply(2, '2026-01-05T08:01:00.000Z', reply(1, '').uri),
      {
        uri: `at://${BOB.did}/app.bsky.feed.post/3kcccccccc222`,
        reason: 'quote',
        reasonSubject: post(2),
        indexedAt: '2026-01-05T08:02:00.000Z',
        record: {
          $type: 'app.bsky.feed.post',
          text: '看这个',
          createdAt: '2026-01-05T08:02:00.000Z',
        },
      },
    );
    const c = connector();
    const first = await c.fetchMessages(null);
    expect(
      fake.calls.find((call) => call.method.endsWith('listNotifications'))?.query.getAll('reasons'),
    ).toEqual(['reply', 'mention', 'quote']);
    expect(first.items.map((m) => [m.kind, m.text, m.postExternalId])).toEqual([
      ['comment', 'reply 1', post(1)],
      ['reply', 'reply 2', post(1)],
      ['mention', '看这个', post(2)],
    ]);
    expect(first.items[1]?.parentExternalId).toBe(reply(1, '').uri);
    expect(first.items[0]?.author).toEqual({
      externalId: BOB.did,
      handle: 'bob.test',
      displayName: 'Bob',
      followers: null,
    });

    const empty = await c.fetchMessages(first.cursor);
    expect(empty.items).toEqual([]);

    // 120 new replies: the poll pages back (50 per page) until it reaches the cursor.
    for (let i = 0; i < 120; i += 1) {
      fake.notifications.push(reply(100 + i, new Date(Date.UTC(2026, 0, 6, 0, i)).toISOString()));
    }
    const next = await c.fetchMessages(empty.cursor);
    expect(next.items).toHaveLength(120);
    expect(next.items[0]?.text).toBe('reply 100');
    expect(next.items[119]?.text).toBe('reply 219');
    await expect(c.fetchMessages(next.cursor)).resolves.toMatchObject({ items: [] });
  });

  it('reports a rate limit as retryable with the wait from ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    fake.failNext('app.bsky.feed.getPosts', {
      status: 429,
      error: 'RateLimitExceeded',
      message: 'Rate Limit Exceeded',
      headers: { 'ratelimit-reset': String(reset), 'ratelimit-remaining': '0' },
    });
    const error = await failure(connector().fetchMetrics([post(1)]));
    expect(error.kind).toBe('retryable');
    expect(error.platformMessage).toBe('Rate Limit Exceeded');
    expect(error.retryAfterMs).toBeGreaterThan(100_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('reports revoked tokens as auth, telling to make a new app password', async () => {
    fake.failNext('app.bsky.feed.getPosts', {
      status: 401,
      error: 'AuthenticationRequired',
      message: 'Token has been revoked',
    });
    // The client refreshes the session on a 401 once; here the refresh token is dead too.
    fake.failNext('com.atproto.server.refreshSession', {
      status: 400,
      error: 'ExpiredToken',
      message: 'Token has been revoked',
    });
    const error = await failure(connector().fetchMetrics([post(1)]));
    expect(error).toMatchObject({ kind: 'auth', platformMessage: 'Token has been revoked' });
    expect(error.action).toContain('app password');
  });

  it('reports a refused record as rejected in the PDS’s words', async () => {
    fake.failNext('com.atproto.repo.createRecord', {
      status: 400,
      error: 'InvalidRequest',
      message:
        'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes',
    });
    const error = await failure(
      connector().publish({ idempotencyKey: 'k', text: 'hi', media: [] }),
    );
    expect(error.kind).toBe('rejected');
    expect(error.platformMessage).toContain('300 graphemes');
  });

  it('reports a write that times out as an unknown outcome, and a slow read as retryable', async () => {
    fake.failNext('com.atproto.repo.createRecord', 'hang');
    const write = await failure(
      connector({ timeoutMs: 300 }).publish({ idempotencyKey: 'k', text: 'hi', media: [] }),
    );
    expect(write.kind).toBe('unknown_outcome');

    fake.failNext('app.bsky.feed.getPosts', 'hang');
    const read = await failure(connector({ timeoutMs: 300 }).fetchMetrics([post(1)]));
    expect(read.kind).toBe('retryable');
  });

  it('reports an unreachable PDS as retryable', async () => {
    const url = fake.url;
    await fake.close();
    fake = await startFakeAppView();
    const error = await failure(
      connector({ config: { service: url, handle: 'alice.test' } }).fetchMetrics([post(1)]),
    );
    expect(error.kind).toBe('retryable');
  });

  it('resumes a saved session instead of logging in again', async () => {
    let saved: AtpSessionData | null = null;
    await connector({ onSession: (session) => (saved = session) }).fetchMetrics([post(1)]);
    expect(saved).toMatchObject({ did: ALICE, accessJwt: 'access' });
    // Resuming refreshes the tokens (the old refresh token stops working), so they are saved again.
    await connector({ session: saved!, onSession: (session) => (saved = session) }).fetchMetrics([
      post(2),
    ]);
    expect(fake.calls.filter((call) => call.method.endsWith('createSession'))).toHaveLength(1);
    expect(fake.calls.filter((call) => call.method.endsWith('refreshSession'))).toHaveLength(1);
    expect(saved).toMatchObject({ accessJwt: 'access-2', refreshJwt: 'refresh-2' });
  });
});

describe('Bluesky config', () => {
  it('defaults the service and normalises the handle', () => {
    expect(BlueskyConfigSchema.parse({ handle: '@Alice.bsky.social' })).toEqual({
      service: 'https://bsky.social',
      handle: 'alice.bsky.social',
    });
    expect(BlueskyConfigSchema.safeParse({ handle: 'not a handle' }).success).toBe(false);
  });
});
