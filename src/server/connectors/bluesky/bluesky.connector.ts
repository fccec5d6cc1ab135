import fs from 'node:fs/promises';
import { AtpAgent, AtUri, RichText, type AtpSessionData } from '@atproto/api';
import {
  ConnectorError,
  type AccountInfo,
  type Connector,
  type ConnectorCapabilities,
  type ContentLimits,
  type InboundMessage,
  type MediaInput,
  type MessagePage,
  type PostMetrics,
  type PublishedPost,
  type PublishRequest,
} from '../connector.ts';
import {
  BLUESKY_MAX_GRAPHEMES,
  BLUESKY_MAX_TEXT_BYTES,
  countGraphemes,
  detectLanguages,
  recordKeyFor,
  utf8Length,
} from './bluesky-text.ts';
import type { BlueskyConfig, BlueskyCredentials } from './bluesky.schemas.ts';

const POST_COLLECTION = 'app.bsky.feed.post';
const DEFAULT_TIMEOUT_MS = 30_000;
/** `app.bsky.embed.images`: at most 4 images of at most 2,000,000 bytes each. */
const MAX_IMAGES = 4;
const MAX_IMAGE_BYTES = 2_000_000;
const GET_POSTS_BATCH = 25;
const NOTIFICATION_PAGE = 50;
/** How far back one inbox poll pages through notifications before it stops. */
const MAX_NOTIFICATION_PAGES = 10;
const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AuthFactorTokenRequired',
]);
const NEW_APP_PASSWORD =
  'Create a new app password in Bluesky (Settings → Privacy and security → App passwords) and reconnect the channel with it.';

export const BLUESKY_CAPABILITIES: ConnectorCapabilities = {
  publishText: true,
  publishImages: true,
  publishVideo: false,
  lookupByIdempotencyKey: true,
  readMetrics: true,
  readComments: true,
  replyComments: true,
  readDirectMessages: false,
  replyDirectMessages: false,
  hideComments: false,
  audienceStats: false,
};

export const BLUESKY_LIMITS: ContentLimits = {
  countMode: 'graphemes',
  maxTextLength: BLUESKY_MAX_GRAPHEMES,
  maxTextBytes: BLUESKY_MAX_TEXT_BYTES,
  maxTitleLength: null,
  maxImages: MAX_IMAGES,
  maxImageBytes: MAX_IMAGE_BYTES,
  maxVideos: 0,
  maxVideoBytes: null,
};

export interface BlueskyConnectorOptions {
  config: BlueskyConfig;
  credentials: BlueskyCredentials;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  /** How long one request may take; a write that times out has an unknown outcome (default 30 s). */
  timeoutMs?: number;
  /**
   * A session saved from an earlier connector, resumed instead of logging in again: Bluesky
   * limits `createSession` to 30 per 5 minutes and 300 per day per account.
   */
  session?: AtpSessionData;
  /** Called whenever the session is created or refreshed (to save it), and with null when it ends. */
  onSession?: (session: AtpSessionData | null) => void;
  /** Reads a media file; defaults to the file system. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * A Bluesky account, through its PDS with an app password (`@atproto/api`).
 *
 * Every post's record key is a TID derived from the publish's idempotency key, so a retry writes
 * to the same record (the PDS refuses a second create) and `findPublished` is a `getRecord`.
 * External ids are `at://` URIs. Text is checked against 300 graphemes and 3000 bytes before
 * anything is sent; links and @mentions become facets with UTF-8 byte ranges.
 */
export function createBlueskyConnector(options: BlueskyConnectorOptions): Connector {
  return new BlueskyConnector(options);
}

interface NotificationCursor {
  /** indexedAt of the newest notification already returned. */
  t: string;
  /** URIs of the notifications at exactly that instant, already returned. */
  u: string[];
}

class BlueskyConnector implements Connector {
  readonly platform = 'bluesky' as const;
  readonly capabilities = BLUESKY_CAPABILITIES;
  readonly limits = BLUESKY_LIMITS;
  private readonly agent: AtpAgent;
  private readonly handle: string;
  private readonly appPassword: string;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly readFile: (path: string) => Promise<Uint8Array>;
  private savedSession: AtpSessionData | undefined;
  private sessionReady: Promise<void> | null = null;

  constructor(options: BlueskyConnectorOptions) {
    const baseFetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.agent = new AtpAgent({
      service: options.config.service,
      fetch: (input, init) => {
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        return baseFetch(input, { ...init, signal });
      },
      persistSession: (event, session) => {
        const alive = event === 'create' || event === 'update';
        options.onSession?.(alive && session ? session : null);
      },
    });
    this.handle = options.config.handle;
    this.appPassword = options.credentials.appPassword;
    this.now = options.now ?? Date.now;
    this.readFile = options.readFile ?? ((path) => fs.readFile(path));
    this.savedSession = options.session;
  }

  async verify(): Promise<AccountInfo> {
    // A fresh login proves the app password itself, not a saved session.
    this.savedSession = undefined;
    this.sessionReady = null;
    const did = await this.did();
    const handle = this.agent.session?.handle ?? this.handle;
    try {
      const profile = await this.agent.app.bsky.actor.getProfile({ actor: did });
      return {
        externalId: did,
        handle: profile.data.handle,
        displayName: profile.data.displayName || profile.data.handle,
        followers: profile.data.followersCount ?? null,
      };
    } catch (error) {
      const mapped = toConnectorError(error, 'read');
      if (mapped.kind === 'auth') throw mapped;
    }
    // Without an App View (a bare PDS) the profile record still gives the display name.
    const record = await this.call('read', () =>
      this.agent.com.atproto.repo.getRecord({
        repo: did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
      }),
    ).catch(() => null);
    const displayName = (record?.data.value as { displayName?: unknown } | undefined)?.displayName;
    return {
      externalId: did,
      handle,
      displayName: typeof displayName === 'string' && displayName ? displayName : handle,
      followers: null,
    };
  }

  async publish(request: PublishRequest): Promise<PublishedPost> {
    checkText(request.text);
    const images = checkMedia(request.media);
    const rkey = recordKeyFor(request.idempotencyKey);
    const existing = await this.findByRecordKey(rkey);
    if (existing) return existing;

    const rt = new RichText({ text: request.text });
    await this.call('read', () => rt.detectFacets(this.agent));
    const embed = images.length > 0 ? await this.uploadImages(images) : undefined;
    const langs = detectLanguages(request.text);
    return this.createPost(rkey, {
      $type: POST_COLLECTION,
      text: rt.text,
      ...(rt.facets?.length ? { facets: rt.facets } : {}),
      ...(langs.length > 0 ? { langs } : {}),
      ...(embed ? { embed } : {}),
      createdAt: new Date(this.now()).toISOString(),
    });
  }

  async findPublished(idempotencyKey: string): Promise<PublishedPost | null> {
    return this.findByRecordKey(recordKeyFor(idempotencyKey));
  }

  async fetchMetrics(externalIds: string[]): Promise<PostMetrics[]> {
    await this.did();
    const metrics: PostMetrics[] = [];
    for (let i = 0; i < externalIds.length; i += GET_POSTS_BATCH) {
      const uris = externalIds.slice(i, i + GET_POSTS_BATCH);
      const { data } = await this.call('read', () => this.agent.app.bsky.feed.getPosts({ uris }));
      const observedAt = this.now();
      for (const post of data.posts) {
        metrics.push({
          externalId: post.uri,
          observedAt,
          impressions: null,
          reach: null,
          likes: post.likeCount ?? 0,
          comments: post.replyCount ?? 0,
          shares: (post.repostCount ?? 0) + (post.quoteCount ?? 0),
          saves: post.bookmarkCount ?? null,
          clicks: null,
        });
      }
    }
    return metrics;
  }

  /**
   * Replies, mentions and quotes newer than the cursor, oldest first. Bluesky pages
   * notifications from the newest backwards, so the cursor we hand out is the newest instant
   * returned, and a poll pages back until it reaches it.
   */
  async fetchMessages(cursor: string | null): Promise<MessagePage> {
    const since = decodeCursor(cursor);
    await this.did();
    const fresh: InboundMessage[] = [];
    let newest: NotificationCursor | null = since;
    let pageCursor: string | undefined;
    pages: for (let page = 0; page < MAX_NOTIFICATION_PAGES; page += 1) {
      const { data } = await this.call('read', () =>
        this.agent.app.bsky.notification.listNotifications({
          limit: NOTIFICATION_PAGE,
          reasons: ['reply', 'mention', 'quote'],
          ...(pageCursor ? { cursor: pageCursor } : {}),
        }),
      );
      for (const notification of data.notifications) {
        if (since && notification.indexedAt < since.t) break pages;
        if (since && notification.indexedAt === since.t && since.u.includes(notification.uri)) {
          continue;
        }
        if (!newest || notification.indexedAt > newest.t) {
          newest = { t: notification.indexedAt, u: [notification.uri] };
        } else if (notification.indexedAt === newest.t && !newest.u.includes(notification.uri)) {
          newest.u.push(notification.uri);
        }
        const message = toInboundMessage(notification);
        if (message) fresh.push(message);
      }
      if (!data.cursor || data.notifications.length === 0 || !since) break;
      pageCursor = data.cursor;
    }
    fresh.sort((a, b) => a.createdAt - b.createdAt);
    return { items: fresh, cursor: newest ? encodeCursor(newest) : null };
  }

  async reply(
    to: { externalId: string; kind: InboundMessage['kind'] },
    text: string,
    idempotencyKey: string,
  ): Promise<{ externalId: string }> {
    if (to.kind === 'direct_message') {
      throw new ConnectorError('rejected', 'Bluesky direct messages are not supported.', {
        action: 'Answer the message in the Bluesky app.',
      });
    }
    checkText(text);
    const rkey = recordKeyFor(idempotencyKey);
    const existing = await this.findByRecordKey(rkey);
    if (existing) return { externalId: existing.externalId };

    const parentUri = parseUri(to.externalId);
    const parent = await this.call('read', () =>
      this.agent.com.atproto.repo.getRecord({
        repo: parentUri.host,
        collection: parentUri.collection,
        rkey: parentUri.rkey,
      }),
    );
    if (!parent.data.cid) {
      throw new ConnectorError('rejected', 'The post to answer has no content id.', {
        action: 'Open the conversation on Bluesky and answer there.',
      });
    }
    const parentRef = { uri: parent.data.uri, cid: parent.data.cid };
    const rootRef = readReplyRoot(parent.data.value) ?? parentRef;
    const rt = new RichText({ text });
    await this.call('read', () => rt.detectFacets(this.agent));
    const langs = detectLanguages(text);
    const post = await this.createPost(rkey, {
      $type: POST_COLLECTION,
      text: rt.text,
      ...(rt.facets?.length ? { facets: rt.facets } : {}),
      ...(langs.length > 0 ? { langs } : {}),
      reply: { root: rootRef, parent: parentRef },
      createdAt: new Date(this.now()).toISOString(),
    });
    return { externalId: post.externalId };
  }

  audienceActivity(): Promise<null> {
    return Promise.resolve(null);
  }

  private async createPost(rkey: string, record: Record<string, unknown>): Promise<PublishedPost> {
    const repo = await this.did();
    try {
      const { data } = await this.call('write', () =>
        this.agent.com.atproto.repo.createRecord({
          repo,
          collection: POST_COLLECTION,
          rkey,
          record,
        }),
      );
      return { externalId: data.uri, url: this.postUrl(rkey), publishedAt: this.now() };
    } catch (error) {
      // Another attempt with the same key may have got there first. The PDS refuses to create a
      // record twice, but answers that with a 500 (a storage constraint), not a clear conflict;
      // so after any failure, a record under our key is the post we meant to publish.
      if (error instanceof ConnectorError && error.kind !== 'auth') {
        const existing = await this.findByRecordKey(rkey).catch(() => null);
        if (existing) return existing;
      }
      throw error;
    }
  }

  private async findByRecordKey(rkey: string): Promise<PublishedPost | null> {
    const repo = await this.did();
    try {
      const { data } = await this.agent.com.atproto.repo.getRecord({
        repo,
        collection: POST_COLLECTION,
        rkey,
      });
      const createdAt = Date.parse(String((data.value as { createdAt?: unknown }).createdAt));
      return {
        externalId: data.uri,
        url: this.postUrl(rkey),
        publishedAt: Number.isNaN(createdAt) ? this.now() : createdAt,
      };
    } catch (error) {
      if (isXrpcError(error) && error.error === 'RecordNotFound') return null;
      throw toConnectorError(error, 'read');
    }
  }

  private async uploadImages(images: MediaInput[]): Promise<Record<string, unknown>> {
    const uploaded = [];
    for (const image of images) {
      let bytes: Uint8Array;
      try {
        bytes = await this.readFile(image.path);
      } catch (error) {
        throw new ConnectorError('rejected', `The image ${image.path} could not be read.`, {
          platformMessage: null,
          action: 'Upload the image again, then schedule the post again.',
          cause: error,
        });
      }
      if (bytes.byteLength > MAX_IMAGE_BYTES) throw imageTooLarge(bytes.byteLength);
      // A blob nobody references is dropped by the PDS, so uploading again on a retry is harmless.
      const { data } = await this.call('read', () =>
        this.agent.com.atproto.repo.uploadBlob(bytes, { encoding: image.mimeType }),
      );
      uploaded.push({ image: data.blob, alt: image.altText ?? '' });
    }
    return { $type: 'app.bsky.embed.images', images: uploaded };
  }

  private postUrl(rkey: string): string {
    const author = this.agent.session?.handle ?? this.agent.session?.did ?? this.handle;
    return `https://bsky.app/profile/${author}/post/${rkey}`;
  }

  /** Logs in (or resumes the saved session) once per connector and returns the account's DID. */
  private async did(): Promise<string> {
    this.sessionReady ??= this.startSession().catch((error: unknown) => {
      this.sessionReady = null;
      throw error;
    });
    await this.sessionReady;
    const did = this.agent.session?.did;
    if (!did) throw new ConnectorError('auth', 'Bluesky did not open a session.');
    return did;
  }

  private async startSession(): Promise<void> {
    if (this.savedSession) {
      try {
        await this.agent.resumeSession(this.savedSession);
        return;
      } catch {
        // An expired saved session: fall through to a fresh login with the app password.
      }
    }
    try {
      await this.agent.login({ identifier: this.handle, password: this.appPassword });
    } catch (error) {
      const mapped = toConnectorError(error, 'read');
      if (mapped.kind === 'auth' || (isXrpcError(error) && error.status === 400)) {
        throw new ConnectorError('auth', `Bluesky refused the app password for ${this.handle}.`, {
          platformMessage: mapped.platformMessage,
          action: NEW_APP_PASSWORD,
          cause: error,
        });
      }
      throw mapped;
    }
  }

  private async call<T>(phase: 'read' | 'write', run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toConnectorError(error, phase);
    }
  }
}

function checkText(text: string): void {
  const length = countGraphemes(text);
  if (length > BLUESKY_MAX_GRAPHEMES) {
    throw new ConnectorError(
      'rejected',
      `The text is ${length} characters long; Bluesky allows ${BLUESKY_MAX_GRAPHEMES}.`,
      { action: `Shorten the text by at least ${length - BLUESKY_MAX_GRAPHEMES} characters.` },
    );
  }
  const bytes = utf8Length(text);
  if (bytes > BLUESKY_MAX_TEXT_BYTES) {
    throw new ConnectorError(
      'rejected',
      `The text takes ${bytes} bytes; Bluesky allows ${BLUESKY_MAX_TEXT_BYTES}.`,
      { action: 'Shorten the text (emoji and Chinese characters take several bytes each).' },
    );
  }
}

function checkMedia(media: MediaInput[]): MediaInput[] {
  if (media.some((item) => item.kind === 'video')) {
    throw new ConnectorError('rejected', 'This Bluesky channel does not publish videos yet.', {
      action: 'Remove the video or publish it from the Bluesky app.',
    });
  }
  if (media.length > MAX_IMAGES) {
    throw new ConnectorError(
      'rejected',
      `The post has ${media.length} images; Bluesky allows ${MAX_IMAGES}.`,
      { action: `Remove ${media.length - MAX_IMAGES} image(s).` },
    );
  }
  for (const image of media) {
    if (image.bytes > MAX_IMAGE_BYTES) throw imageTooLarge(image.bytes);
  }
  return media;
}

function imageTooLarge(bytes: number): ConnectorError {
  return new ConnectorError(
    'rejected',
    `An image is ${(bytes / 1_000_000).toFixed(1)} MB; Bluesky allows 2 MB per image.`,
    { action: 'Compress or resize the image below 2 MB, then schedule the post again.' },
  );
}

interface XrpcLikeError {
  status: number;
  error: string;
  message: string;
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

// Checked by shape: the PDS and this client may load different copies of @atproto/xrpc.
function isXrpcError(error: unknown): error is XrpcLikeError {
  return (
    error instanceof Error &&
    typeof (error as Partial<XrpcLikeError>).status === 'number' &&
    typeof (error as Partial<XrpcLikeError>).error === 'string'
  );
}

function isTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (
      current instanceof Error &&
      (current.name === 'TimeoutError' || current.name === 'AbortError')
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps an @atproto/api failure onto what OpsLoop can do about it. */
function toConnectorError(error: unknown, phase: 'read' | 'write'): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (isTimeout(error)) {
    return phase === 'write'
      ? new ConnectorError('unknown_outcome', 'Bluesky did not answer in time.', { cause: error })
      : new ConnectorError('retryable', 'Bluesky did not answer in time.', { cause: error });
  }
  if (!isXrpcError(error)) {
    return new ConnectorError('retryable', 'Bluesky could not be reached.', {
      platformMessage: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  const platformMessage = error.message || error.error || null;
  const status = error.status;
  if (status === 401 || AUTH_ERRORS.has(error.error)) {
    return new ConnectorError('auth', 'Bluesky no longer accepts this channel’s credentials.', {
      platformMessage,
      action: NEW_APP_PASSWORD,
      cause: error,
    });
  }
  if (status === 429 || error.error === 'RateLimitExceeded') {
    return new ConnectorError('retryable', 'Bluesky’s rate limit was reached.', {
      platformMessage,
      retryAfterMs: rateLimitWait(error.headers),
      cause: error,
    });
  }
  // Status 1 is the client's "no HTTP answer": the connection failed before any reply.
  if (status < 100 || status >= 500 || status === 408) {
    return new ConnectorError('retryable', 'Bluesky is unavailable.', {
      platformMessage,
      cause: error,
    });
  }
  return new ConnectorError('rejected', 'Bluesky refused the request.', {
    platformMessage,
    cause: error,
  });
}

/** `ratelimit-reset` is a unix time in seconds; `retry-after` is in seconds. */
function rateLimitWait(headers: Record<string, string> | undefined): number | null {
  if (!headers) return null;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const reset = Number(lower['ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - Date.now());
  const after = Number(lower['retry-after']);
  return Number.isFinite(after) && after >= 0 ? after * 1000 : null;
}

function parseUri(uri: string): { host: string; collection: string; rkey: string } {
  try {
    const parsed = new AtUri(uri);
    if (parsed.collection && parsed.rkey) {
      return { host: parsed.host, collection: parsed.collection, rkey: parsed.rkey };
    }
  } catch {
    // reported below
  }
  throw new ConnectorError('rejected', `"${uri}" is not a Bluesky post address.`, {
    action: 'Reply to a message that came from this Bluesky channel.',
  });
}

interface StrongRef {
  uri: string;
  cid: string;
}

function readReplyRoot(value: unknown): StrongRef | null {
  const root = (value as { reply?: { root?: Partial<StrongRef> } } | null)?.reply?.root;
  return typeof root?.uri === 'string' && typeof root.cid === 'string'
    ? { uri: root.uri, cid: root.cid }
    : null;
}

interface NotificationLike {
  uri: string;
  reason: string;
  reasonSubject?: string;
  record: unknown;
  indexedAt: string;
  author: { did: string; handle: string; displayName?: string };
}

function toInboundMessage(notification: NotificationLike): InboundMessage | null {
  const record = notification.record as {
    text?: unknown;
    createdAt?: unknown;
    reply?: { root?: { uri?: unknown }; parent?: { uri?: unknown } };
    embed?: { record?: { uri?: unknown; record?: { uri?: unknown } } };
  };
  const author = {
    externalId: notification.author.did,
    handle: notification.author.handle,
    displayName: notification.author.displayName || notification.author.handle,
    followers: null,
  };
  const createdAt = Date.parse(
    typeof record.createdAt === 'string' ? record.createdAt : notification.indexedAt,
  );
  const base = {
    externalId: notification.uri,
    author,
    text: typeof record.text === 'string' ? record.text : '',
    createdAt: Number.isNaN(createdAt) ? Date.parse(notification.indexedAt) : createdAt,
  };
  const str = (value: unknown) => (typeof value === 'string' ? value : null);
  switch (notification.reason) {
    case 'reply': {
      const root = str(record.reply?.root?.uri);
      const parent = str(record.reply?.parent?.uri);
      // A direct answer to our post is a comment on it; deeper answers are replies in a thread.
      return {
        ...base,
        kind: parent === null || parent === root ? 'comment' : 'reply',
        postExternalId: root,
        parentExternalId: parent,
      };
    }
    case 'quote':
      return {
        ...base,
        kind: 'mention',
        postExternalId:
          str(notification.reasonSubject) ??
          str(record.embed?.record?.uri) ??
          str(record.embed?.record?.record?.uri),
        parentExternalId: null,
      };
    case 'mention':
      return { ...base, kind: 'mention', postExternalId: null, parentExternalId: null };
    default:
      return null;
  }
}

function encodeCursor(cursor: NotificationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(cursor: string | null): NotificationCursor | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const { t, u } = value as Partial<NotificationCursor>;
    if (typeof t === 'string' && Array.isArray(u) && u.every((x) => typeof x === 'string')) {
      return { t, u };
    }
  } catch {
    // reported below
  }
  // A cursor from elsewhere is not worth failing a poll for: start over from the newest page.
  return null;
}
