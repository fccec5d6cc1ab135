import {
  ConnectorError,
  limitsForStyle,
  type Connector,
  type ConnectorFactory,
  type PublishRequest,
} from '../../src/server/connectors/index.ts';

export interface FakePost {
  externalId: string;
  idempotencyKey: string;
  channelId: string;
  text: string;
  publishedAt: number;
}

/**
 * An outside world for publishing tests: every channel's driver publishes into one in-memory
 * list, remembers every call, and fails on demand.
 */
export class FakeNetwork {
  posts: FakePost[] = [];
  calls: { channelId: string; idempotencyKey: string }[] = [];
  /** Failures to throw on the next publish calls, in order. `created` makes it a lost response. */
  failures: { kind: ConnectorError['kind']; message?: string; created?: boolean }[] = [];
  lookup = true;
  now: () => number = () => Date.now();

  factory: ConnectorFactory = (connection) =>
    this.connector(connection.channelId, connection.style);

  connector(channelId: string, style: string): Connector {
    const publish = async (request: PublishRequest) => {
      this.calls.push({ channelId, idempotencyKey: request.idempotencyKey });
      const failure = this.failures.shift();
      if (failure && !failure.created) {
        throw new ConnectorError(failure.kind, failure.message ?? `fake ${failure.kind}`, {
          platformMessage: failure.message ?? null,
        });
      }
      const existing = this.posts.find((p) => p.idempotencyKey === request.idempotencyKey);
      const post = existing ?? {
        externalId: `fake-${this.posts.length + 1}`,
        idempotencyKey: request.idempotencyKey,
        channelId,
        text: request.text,
        publishedAt: this.now(),
      };
      if (!existing) this.posts.push(post);
      if (failure?.created) throw new ConnectorError(failure.kind, 'response lost');
      await Promise.resolve();
      return {
        externalId: post.externalId,
        url: `https://fake.test/${post.externalId}`,
        publishedAt: post.publishedAt,
      };
    };
    return {
      platform: 'webhook',
      capabilities: {
        publishText: true,
        publishImages: true,
        publishVideo: false,
        lookupByIdempotencyKey: this.lookup,
        readMetrics: false,
        readComments: false,
        replyComments: false,
        readDirectMessages: false,
        replyDirectMessages: false,
        hideComments: false,
        audienceStats: false,
      },
      limits: limitsForStyle(style),
      verify: () =>
        Promise.resolve({
          externalId: channelId,
          handle: 'fake',
          displayName: 'Fake',
          followers: 10,
        }),
      publish,
      findPublished: (key) => {
        const post = this.posts.find((p) => p.idempotencyKey === key);
        return Promise.resolve(
          post
            ? {
                externalId: post.externalId,
                url: `https://fake.test/${post.externalId}`,
                publishedAt: post.publishedAt,
              }
            : null,
        );
      },
      fetchMetrics: () => Promise.resolve([]),
      fetchMessages: () => Promise.resolve({ items: [], cursor: null }),
      reply: () => Promise.reject(new ConnectorError('rejected', 'not supported')),
      audienceActivity: () => Promise.resolve(null),
    };
  }
}
