import { randomUUID } from 'node:crypto';
import {
  ConnectorError,
  type AccountInfo,
  type Connector,
  type ConnectorCapabilities,
  type ContentLimits,
  type MediaInput,
  type MessagePage,
  type PostMetrics,
  type PublishedPost,
  type PublishRequest,
} from '../connector.ts';
import { signWebhook } from './webhook-signature.ts';
import type { WebhookConfig, WebhookCredentials } from './webhook.schemas.ts';

export const WEBHOOK_USER_AGENT = 'OpsLoop-Webhook/1';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 3;
/** A longer Retry-After is left to the job queue rather than held inside one call. */
const DEFAULT_MAX_RETRY_WAIT_MS = 5_000;
const RETRY_BASE_MS = 500;
const MAX_MESSAGE_CHARS = 500;

export const WEBHOOK_CAPABILITIES: ConnectorCapabilities = {
  publishText: true,
  publishImages: true,
  publishVideo: true,
  lookupByIdempotencyKey: false,
  readMetrics: false,
  readComments: false,
  replyComments: false,
  readDirectMessages: false,
  replyDirectMessages: false,
  hideComments: false,
  audienceStats: false,
};

// The receiver decides what it accepts; only guard against absurd payloads.
export const WEBHOOK_LIMITS: ContentLimits = {
  countMode: 'characters',
  maxTextLength: 100_000,
  maxTextBytes: null,
  maxTitleLength: 1_000,
  maxImages: 50,
  maxImageBytes: null,
  maxVideos: 10,
  maxVideoBytes: null,
};

export interface WebhookConnectorOptions {
  config: WebhookConfig;
  credentials: WebhookCredentials;
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch; signs `X-OpsLoop-Timestamp` and `sentAt`. */
  now?: () => number;
  /** Waits between attempts inside one publish call. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** How long one request may take before its outcome counts as unknown (default 10 s). */
  timeoutMs?: number;
  /** Attempts inside one publish call for retryable failures (default 3). */
  maxAttempts?: number;
  /** The longest Retry-After waited for inside one call (default 5 s); longer ones are thrown. */
  maxRetryWaitMs?: number;
  /** A URL the receiver can download a media file from, when the server exposes one. */
  mediaUrl?: (media: MediaInput) => string | null | undefined;
}

/** The JSON body of a `post.publish` request. */
export interface WebhookPublishBody {
  event: 'post.publish';
  idempotencyKey: string;
  post: {
    text: string;
    title: string | null;
    topics: string[];
    media: Array<{
      kind: MediaInput['kind'];
      mimeType: string;
      bytes: number;
      altText?: string;
      url?: string;
    }>;
  };
  /** ISO 8601; the time of this attempt. */
  sentAt: string;
}

interface ReceiverAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/**
 * A channel that POSTs every publish as signed JSON to a URL (Zapier, n8n, in-house systems).
 *
 * Each request carries `X-OpsLoop-Idempotency-Key`, `X-OpsLoop-Timestamp` (unix seconds) and
 * `X-OpsLoop-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`; receivers check
 * it with `verifyWebhookSignature`. OpsLoop may deliver one publish more than once (retries after
 * a 5xx or a timeout) with the same idempotency key and a fresh timestamp and signature, and it
 * cannot ask a receiver what it already has (`findPublished` always answers null), so **receivers
 * must dedupe by `X-OpsLoop-Idempotency-Key`** and answer 2xx to a repeat.
 *
 * A 2xx answer publishes; its JSON `id` and `url`, when present, become the post's external id
 * and link. 408, 429 and 5xx (honouring Retry-After) and network failures are retried up to
 * three times in one call and then thrown as `retryable`; 401/403 are `auth`; other answers are
 * `rejected` with the receiver's message; a timeout after sending is `unknown_outcome`.
 */
export function createWebhookConnector(options: WebhookConnectorOptions): Connector {
  return new WebhookConnector(options);
}

class WebhookConnector implements Connector {
  readonly platform = 'webhook' as const;
  readonly capabilities = WEBHOOK_CAPABILITIES;
  readonly limits = WEBHOOK_LIMITS;
  private readonly url: string;
  private readonly secret: string;
  private readonly fetch: typeof globalThis.fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly maxRetryWaitMs: number;
  private readonly mediaUrl: WebhookConnectorOptions['mediaUrl'];

  constructor(options: WebhookConnectorOptions) {
    this.url = options.config.url;
    this.secret = options.credentials.secret;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.maxRetryWaitMs = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS;
    this.mediaUrl = options.mediaUrl;
  }

  async verify(): Promise<AccountInfo> {
    await this.send(randomUUID(), (sentAt) => ({ event: 'ping', sentAt }));
    const target = new URL(this.url);
    return {
      externalId: this.url,
      handle: target.host,
      displayName: `${target.host}${target.pathname === '/' ? '' : target.pathname}`,
      followers: null,
    };
  }

  async publish(request: PublishRequest): Promise<PublishedPost> {
    const post: WebhookPublishBody['post'] = {
      text: request.text,
      title: request.title ?? null,
      topics: request.topics ?? [],
      media: request.media.map((media) => {
        const url = this.mediaUrl?.(media);
        return {
          kind: media.kind,
          mimeType: media.mimeType,
          bytes: media.bytes,
          ...(media.altText ? { altText: media.altText } : {}),
          ...(url ? { url } : {}),
        };
      }),
    };
    const build = (sentAt: string): WebhookPublishBody => ({
      event: 'post.publish',
      idempotencyKey: request.idempotencyKey,
      post,
      sentAt,
    });

    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await this.send(request.idempotencyKey, build);
        const id = answer.body?.id;
        const url = answer.body?.url;
        return {
          externalId:
            typeof id === 'string' && id !== ''
              ? id
              : typeof id === 'number'
                ? String(id)
                : request.idempotencyKey,
          url: typeof url === 'string' && url !== '' ? url : null,
          publishedAt: this.now(),
        };
      } catch (error) {
        if (
          !(error instanceof ConnectorError) ||
          error.kind !== 'retryable' ||
          attempt >= this.maxAttempts
        ) {
          throw error;
        }
        // Equal-ish jitter around 0.5 s, 1 s, … so a receiver that just restarted is not hit in step.
        const backoff = RETRY_BASE_MS * 2 ** (attempt - 1) * (0.75 + this.random() * 0.5);
        const wait = Math.max(backoff, error.retryAfterMs ?? 0);
        if (wait > this.maxRetryWaitMs) throw error;
        await this.sleep(Math.round(wait));
      }
    }
  }

  findPublished(): Promise<PublishedPost | null> {
    // A receiver offers no lookup; it dedupes repeats by the idempotency key instead.
    return Promise.resolve(null);
  }

  fetchMetrics(): Promise<PostMetrics[]> {
    return Promise.resolve([]);
  }

  fetchMessages(): Promise<MessagePage> {
    return Promise.resolve({ items: [], cursor: null });
  }

  reply(): Promise<{ externalId: string }> {
    return Promise.reject(
      new ConnectorError('rejected', 'Webhook channels do not support replies.', {
        action: 'Reply on the platform the webhook forwards to.',
      }),
    );
  }

  audienceActivity(): Promise<null> {
    return Promise.resolve(null);
  }

  /** One signed POST; throws a ConnectorError for anything but a 2xx answer. */
  private async send(
    idempotencyKey: string,
    build: (sentAt: string) => object,
  ): Promise<ReceiverAnswer> {
    const now = this.now();
    const timestamp = Math.floor(now / 1000);
    const body = JSON.stringify(build(new Date(now).toISOString()));
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': WEBHOOK_USER_AGENT,
          'X-OpsLoop-Idempotency-Key': idempotencyKey,
          'X-OpsLoop-Timestamp': String(timestamp),
          'X-OpsLoop-Signature': signWebhook(this.secret, timestamp, body),
        },
        body,
        signal,
        // A redirected POST may be replayed elsewhere; the owner should configure the final URL.
        redirect: 'manual',
      });
    } catch (error) {
      throw this.transportError(error);
    }

    let text = '';
    try {
      text = await response.text();
    } catch (error) {
      // The receiver already answered 2xx: it has the post even if the rest of the body is lost.
      if (!response.ok) throw this.transportError(error);
    }
    const json = parseObject(text);
    const { status } = response;
    if (status >= 200 && status < 300) return { status, body: json };

    const platformMessage = receiverMessage(json, text, response);
    const where = `The webhook receiver at ${this.url}`;
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      throw new ConnectorError('rejected', `${where} answered with a redirect (${status}).`, {
        platformMessage,
        action: location
          ? `Change the channel's URL to the address it redirects to (${location}).`
          : "Change the channel's URL to the receiver's final address.",
      });
    }
    if (status === 401 || status === 403) {
      throw new ConnectorError('auth', `${where} refused the request (${status}).`, {
        platformMessage,
        action:
          "Make sure the receiver checks signatures with this channel's current secret, then verify the channel again.",
      });
    }
    if (status === 408 || status === 429 || status >= 500) {
      throw new ConnectorError('retryable', `${where} is unavailable (${status}).`, {
        platformMessage,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
      });
    }
    throw new ConnectorError('rejected', `${where} refused the post (${status}).`, {
      platformMessage,
      action: 'Read the receiver’s message, fix the post or the receiver, then schedule it again.',
    });
  }

  private transportError(error: unknown): ConnectorError {
    if (isAbort(error)) {
      return new ConnectorError(
        'unknown_outcome',
        `The webhook receiver at ${this.url} did not answer within ${this.timeoutMs} ms.`,
        { cause: error },
      );
    }
    return new ConnectorError(
      'retryable',
      `The webhook receiver at ${this.url} could not be reached.`,
      {
        platformMessage: describeNetworkError(error),
        action:
          'Check that the receiver is running and reachable from the OpsLoop server; OpsLoop will try again.',
        cause: error,
      },
    );
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) return cause.message || error.message;
  return error.message;
}

function parseObject(text: string): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The receiver's own words: a JSON `error`/`message`/`detail`, else the body text. */
function receiverMessage(
  json: Record<string, unknown> | null,
  text: string,
  response: Response,
): string {
  const fromJson = [json?.error, json?.message, json?.detail]
    .map((value) =>
      value !== null && typeof value === 'object' && 'message' in value ? value.message : value,
    )
    .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  const message = (fromJson ?? text).trim();
  if (message === '') return `HTTP ${response.status} ${response.statusText}`.trim();
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
