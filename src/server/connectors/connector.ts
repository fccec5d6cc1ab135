/**
 * The one interface every platform driver implements. Publishing, the inbox and analytics speak
 * only this; what a platform can do is declared in `capabilities` and `limits`, never assumed.
 */

export type PlatformId = 'sandbox' | 'bluesky' | 'webhook' | 'assisted';

export interface ConnectorCapabilities {
  publishText: boolean;
  publishImages: boolean;
  publishVideo: boolean;
  /** Can look a post up by the idempotency key it was published with (reconciliation). */
  lookupByIdempotencyKey: boolean;
  readMetrics: boolean;
  readComments: boolean;
  replyComments: boolean;
  readDirectMessages: boolean;
  replyDirectMessages: boolean;
  hideComments: boolean;
  audienceStats: boolean;
}

/** Content limits of a platform; the editor validates against them before anything is sent. */
export interface ContentLimits {
  /** How text length is counted for maxTextLength. */
  countMode: 'graphemes' | 'characters';
  maxTextLength: number | null;
  maxTextBytes: number | null;
  maxTitleLength: number | null;
  maxImages: number;
  maxImageBytes: number | null;
  maxVideos: number;
  maxVideoBytes: number | null;
}

export interface MediaInput {
  kind: 'image' | 'video';
  /** Absolute path of the file in the data folder. */
  path: string;
  mimeType: string;
  bytes: number;
  altText?: string | undefined;
}

export interface PublishRequest {
  /**
   * Stable for one (post, channel) publish; drivers pass it to platforms that honour one and
   * record it where they can so `findPublished` can answer after a crash.
   */
  idempotencyKey: string;
  text: string;
  title?: string | undefined;
  media: MediaInput[];
  /** Topic / series labels the simulation and some platforms use (hashtags are in text). */
  topics?: string[] | undefined;
}

export interface PublishedPost {
  externalId: string;
  url: string | null;
  publishedAt: number;
}

export interface PostMetrics {
  externalId: string;
  observedAt: number;
  impressions: number | null;
  reach: number | null;
  likes: number;
  comments: number;
  shares: number;
  saves: number | null;
  clicks: number | null;
}

export interface InboundMessage {
  externalId: string;
  kind: 'comment' | 'reply' | 'mention' | 'direct_message';
  /** The post it is about (comments, replies); null for DMs. */
  postExternalId: string | null;
  /** The message it answers, when it is a reply in a thread. */
  parentExternalId: string | null;
  author: { externalId: string; handle: string; displayName: string; followers: number | null };
  text: string;
  createdAt: number;
}

export interface MessagePage {
  items: InboundMessage[];
  /** Opaque; pass back to get what came after. Null when the platform keeps no cursor. */
  cursor: string | null;
}

export interface AccountInfo {
  externalId: string;
  handle: string;
  displayName: string;
  followers: number | null;
}

/** Hour-of-day × day-of-week activity of a channel's audience: [weekday 0=Mon..6][hour 0..23]. */
export type ActivityGrid = number[][];

export type ConnectorErrorKind =
  /** Try again later (network, 5xx, rate limit); nothing was published. */
  | 'retryable'
  /** The credentials no longer work; a person must reconnect the channel. */
  | 'auth'
  /** The platform refused the content; sending it again will fail again. */
  | 'rejected'
  /** The request may or may not have been carried out (timeout after sending). */
  | 'unknown_outcome';

/** A failure a person can act on: what the platform answered, and what to do about it. */
export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  /** The platform's own words, when it gave any. */
  readonly platformMessage: string | null;
  /** What the person should do, in plain words. */
  readonly action: string;
  readonly retryAfterMs: number | null;

  constructor(
    kind: ConnectorErrorKind,
    message: string,
    options: {
      platformMessage?: string | null;
      action?: string;
      retryAfterMs?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.kind = kind;
    this.platformMessage = options.platformMessage ?? null;
    this.action = options.action ?? defaultAction(kind);
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

function defaultAction(kind: ConnectorErrorKind): string {
  switch (kind) {
    case 'retryable':
      return 'Nothing to do: OpsLoop will try again.';
    case 'auth':
      return 'Reconnect the channel with fresh credentials.';
    case 'rejected':
      return 'Edit the post to meet the platform rules, then schedule it again.';
    case 'unknown_outcome':
      return 'OpsLoop will check on the platform whether it was published before sending again.';
  }
}

/** A connected account on one platform. */
export interface Connector {
  readonly platform: PlatformId;
  readonly capabilities: ConnectorCapabilities;
  readonly limits: ContentLimits;
  /** Checks the credentials and returns the account; throws ConnectorError('auth') when they fail. */
  verify(): Promise<AccountInfo>;
  publish(request: PublishRequest): Promise<PublishedPost>;
  /** The post published with this key, if any: how an unknown outcome is reconciled. */
  findPublished(idempotencyKey: string): Promise<PublishedPost | null>;
  fetchMetrics(externalIds: string[]): Promise<PostMetrics[]>;
  fetchMessages(cursor: string | null): Promise<MessagePage>;
  reply(
    to: { externalId: string; kind: InboundMessage['kind'] },
    text: string,
    idempotencyKey: string,
  ): Promise<{ externalId: string }>;
  /** Audience activity by weekday and hour, when the platform reports it. */
  audienceActivity(): Promise<ActivityGrid | null>;
  /**
   * The reply sent with this idempotency key, if any: how an unknown reply outcome is
   * reconciled. Absent when the platform cannot be asked.
   */
  findReply?(idempotencyKey: string): Promise<{ externalId: string } | null>;
  /**
   * Hides a comment from the public (the author and the account still see it). Present only
   * where `capabilities.hideComments` is true; hiding twice is not an error.
   */
  hideComment?(to: { externalId: string; kind: InboundMessage['kind'] }): Promise<void>;
}
