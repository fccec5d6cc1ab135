import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../../test/fixtures/webhook-receiver.ts';
import { ConnectorError, type Connector, type PublishRequest } from '../connector.ts';
import {
  createWebhookConnector,
  generateWebhookSecret,
  verifyWebhookSignature,
  WebhookConfigSchema,
  WebhookCredentialsSchema,
  type WebhookConnectorOptions,
  type WebhookPublishBody,
} from './index.ts';

const secret = 'receiver-secret-0123456789';
const request: PublishRequest = {
  idempotencyKey: 'post_01HZX:channel_7',
  text: '新品发布 — launch day! https://example.com/launch',
  title: 'Launch',
  topics: ['launch'],
  media: [
    {
      kind: 'image',
      path: '/data/media/a.png',
      mimeType: 'image/png',
      bytes: 1234,
      altText: 'The box',
    },
  ],
};

let receiver: WebhookReceiver;
let sleeps: number[];

beforeEach(async () => {
  receiver = await startWebhookReceiver({ secret });
  sleeps = [];
});
afterEach(async () => {
  await receiver.close();
});

function connector(options: Partial<WebhookConnectorOptions> = {}): Connector {
  return createWebhookConnector({
    config: { url: receiver.url },
    credentials: { secret },
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
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

describe('webhook connector against a real receiver', () => {
  it('publishes a signed JSON body with the documented headers', async () => {
    const published = await connector({
      mediaUrl: () => 'https://ops.example/media/a.png',
    }).publish(request);

    expect(published).toMatchObject({
      externalId: 'rcv-1',
      url: 'https://receiver.test/posts/rcv-1',
    });
    expect(receiver.requests).toHaveLength(1);
    const received = receiver.requests[0]!;
    expect(received.verification).toEqual({ ok: true });
    expect(received.method).toBe('POST');
    expect(received.path).toBe('/hooks/opsloop');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['user-agent']).toBe('OpsLoop-Webhook/1');
    expect(received.headers['x-opsloop-idempotency-key']).toBe(request.idempotencyKey);
    const timestamp = Number(received.headers['x-opsloop-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(5);

    const body = JSON.parse(received.body) as WebhookPublishBody;
    expect(body).toEqual({
      event: 'post.publish',
      idempotencyKey: request.idempotencyKey,
      post: {
        text: request.text,
        title: 'Launch',
        topics: ['launch'],
        media: [
          {
            kind: 'image',
            mimeType: 'image/png',
            bytes: 1234,
            altText: 'The box',
            url: 'https://ops.example/media/a.png',
          },
        ],
      },
      sentAt: expect.any(String),
    });
    expect(Math.floor(Date.parse(body.sentAt) / 1000)).toBe(timestamp);
    // The file's path on the server is never sent.
    expect(received.body).not.toContain('/data/media');
  });

  it('falls back to the idempotency key when the receiver answers without an id', async () => {
    receiver.failNext(1, { status: 202, body: '' });
    await expect(connector().publish(request)).resolves.toMatchObject({
      externalId: request.idempotencyKey,
      url: null,
    });
  });

  it('lets the receiver reject a replay with an old timestamp and a tampered body', async () => {
    await connector().publish(request);
    const captured = receiver.requests[0]!;
    const headers = {
      'content-type': 'application/json',
      'x-opsloop-idempotency-key': String(captured.headers['x-opsloop-idempotency-key']),
      'x-opsloop-timestamp': String(captured.headers['x-opsloop-timestamp']),
      'x-opsloop-signature': String(captured.headers['x-opsloop-signature']),
    };

    const tampered = await receiver.replay(
      headers,
      captured.body.replace('launch day', 'sale day'),
    );
    expect(tampered.status).toBe(401);
    expect(tampered.body).toContain('mismatch');

    // Ten minutes later the captured request, unchanged, is outside the window.
    const later = verifyWebhookSignature({
      secret,
      timestamp: headers['x-opsloop-timestamp'],
      signature: headers['x-opsloop-signature'],
      body: captured.body,
      now: Date.now() + 10 * 60_000,
    });
    expect(later).toEqual({ ok: false, reason: 'expired' });

    const replayReceiver = await startWebhookReceiver({
      secret,
      now: () => Date.now() + 10 * 60_000,
    });
    try {
      const replayed = await replayReceiver.replay(headers, captured.body);
      expect(replayed.status).toBe(401);
      expect(replayed.body).toContain('expired');
    } finally {
      await replayReceiver.close();
    }
  });

  it('retries 503 twice and then publishes once, with one key and fresh signatures', async () => {
    receiver.failNext(2, { status: 503, body: 'maintenance' });
    const published = await connector().publish(request);

    expect(published.externalId).toBe('rcv-1');
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    const keys = new Set(receiver.requests.map((r) => r.headers['x-opsloop-idempotency-key']));
    expect([...keys]).toEqual([request.idempotencyKey]);
    expect(receiver.requests.every((r) => r.verification.ok)).toBe(true);
    // 0.5 s then 1 s (random() = 0.5 puts the jitter in the middle).
    expect(sleeps).toEqual([500, 1000]);
  });

  it('throws the last retryable error after three attempts', async () => {
    receiver.failNext(3, { status: 502, body: JSON.stringify({ message: 'upstream down' }) });
    const error = await failure(connector().publish(request));
    expect(error.kind).toBe('retryable');
    expect(error.platformMessage).toBe('upstream down');
    expect(receiver.requests).toHaveLength(3);
  });

  it('honours Retry-After inside the call, and leaves long waits to the job queue', async () => {
    receiver.failNext(1, { status: 429, headers: { 'retry-after': '3' } });
    await connector().publish(request);
    expect(sleeps).toEqual([3000]);
    expect(receiver.requests).toHaveLength(2);

    receiver.failNext(1, { status: 429, headers: { 'retry-after': '120' } });
    const error = await failure(connector().publish({ ...request, idempotencyKey: 'other' }));
    expect(error.kind).toBe('retryable');
    expect(error.retryAfterMs).toBe(120_000);
    expect(receiver.requests).toHaveLength(3);
  });

  it('reports a 400 as rejected in the receiver’s own words, without retrying', async () => {
    receiver.failNext(1, {
      status: 400,
      body: JSON.stringify({ error: 'title is required for this board' }),
    });
    const error = await failure(connector().publish(request));
    expect(error.kind).toBe('rejected');
    expect(error.platformMessage).toBe('title is required for this board');
    expect(error.message).toContain('400');
    expect(error.action).not.toBe('');
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports a plain-text 422 body as the platform message', async () => {
    receiver.failNext(1, { status: 422, body: 'text too long for SMS' });
    const error = await failure(connector().publish(request));
    expect(error).toMatchObject({ kind: 'rejected', platformMessage: 'text too long for SMS' });
  });

  it('treats a refused signature as an auth failure', async () => {
    const error = await failure(
      connector({ credentials: { secret: 'a-different-secret-000' } }).publish(request),
    );
    expect(error.kind).toBe('auth');
    expect(error.platformMessage).toBe('signature mismatch');
    expect(error.action).toContain('secret');
  });

  it('reports a hanging receiver as an unknown outcome and does not resend', async () => {
    receiver.hangNext(1);
    const error = await failure(connector({ timeoutMs: 200 }).publish(request));
    expect(error.kind).toBe('unknown_outcome');
    expect(receiver.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports an unreachable receiver as retryable with the network error', async () => {
    const url = receiver.url;
    await receiver.close();
    receiver = await startWebhookReceiver({ secret });
    const error = await failure(
      createWebhookConnector({
        config: { url },
        credentials: { secret },
        sleep: () => Promise.resolve(),
      }).publish(request),
    );
    expect(error.kind).toBe('retryable');
    expect(error.platformMessage).toMatch(/ECONNREFUSED/);
  });

  it('does not follow redirects', async () => {
    receiver.failNext(1, { status: 308, headers: { location: 'https://elsewhere.example/hook' } });
    const error = await failure(connector().publish(request));
    expect(error.kind).toBe('rejected');
    expect(error.action).toContain('https://elsewhere.example/hook');
    expect(receiver.requests).toHaveLength(1);
  });

  it('verifies the channel with a signed ping', async () => {
    const account = await connector().verify();
    expect(account.handle).toBe(new URL(receiver.url).host);
    const ping = receiver.requests[0]!;
    expect(ping.verification.ok).toBe(true);
    expect(JSON.parse(ping.body)).toMatchObject({ event: 'ping' });

    receiver.failNext(1, { status: 404, body: 'no such hook' });
    const error = await failure(connector().verify());
    expect(error).toMatchObject({ kind: 'rejected', platformMessage: 'no such hook' });
  });

  it('declares what it cannot do', async () => {
    const c = connector();
    expect(c.capabilities.lookupByIdempotencyKey).toBe(false);
    await expect(c.findPublished(request.idempotencyKey)).resolves.toBeNull();
    await expect(c.fetchMetrics(['x'])).resolves.toEqual([]);
    await expect(c.fetchMessages(null)).resolves.toEqual({ items: [], cursor: null });
    await expect(c.audienceActivity()).resolves.toBeNull();
    const error = await failure(c.reply({ externalId: 'x', kind: 'comment' }, 'hi', 'k'));
    expect(error.kind).toBe('rejected');
  });
});

describe('webhook schemas', () => {
  it('accepts http(s) URLs only and secrets of at least 16 characters', () => {
    expect(WebhookConfigSchema.safeParse({ url: 'https://hooks.example/x' }).success).toBe(true);
    expect(WebhookConfigSchema.safeParse({ url: 'ftp://hooks.example/x' }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ url: 'not a url' }).success).toBe(false);
    expect(WebhookCredentialsSchema.safeParse({ secret: 'short' }).success).toBe(false);
    const generated = generateWebhookSecret();
    expect(WebhookCredentialsSchema.safeParse({ secret: generated }).success).toBe(true);
    expect(generated).not.toBe(generateWebhookSecret());
  });
});
