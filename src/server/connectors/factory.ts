import type { Db } from '../db/database.ts';
import type { Clock } from '../platform/clock.ts';
import {
  ConnectorError,
  type Connector,
  type ConnectorCapabilities,
  type PlatformId,
} from './connector.ts';
import type { AtpSessionData } from '@atproto/api';
import {
  BlueskyConfigSchema,
  BlueskyCredentialsSchema,
  createBlueskyConnector,
} from './bluesky/index.ts';
import { limitsForStyle } from './platform-limits.ts';
import { createSandboxConnector, type PlatformStyle } from './sandbox/index.ts';
import {
  createWebhookConnector,
  WebhookConfigSchema,
  WebhookCredentialsSchema,
} from './webhook/index.ts';

/** What a driver needs to know about a channel: its settings and decrypted credentials. */
export interface ChannelConnection {
  workspaceId: string;
  channelId: string;
  platform: PlatformId;
  style: string;
  config: Record<string, unknown>;
  credentials: Record<string, unknown>;
  externalAccountId: string | null;
}

/** Builds the driver for a channel; tests substitute their own to fake the outside world. */
export type ConnectorFactory = (connection: ChannelConnection) => Connector;

export interface ConnectorFactoryDeps {
  db: Db;
  clock: Clock;
  /**
   * Keeps what a driver learns between calls (a Bluesky session) with the channel's sealed
   * credentials, so the next driver resumes instead of signing in again.
   */
  saveSession?: (connection: ChannelConnection, session: unknown) => Promise<void>;
}

export function createConnectorFactory(deps: ConnectorFactoryDeps): ConnectorFactory {
  return (connection) => {
    try {
      return buildConnector(connection, deps);
    } catch (error) {
      // Stored settings the driver cannot use (edited by hand, or from an older version) must
      // fail each call with a reason a person can act on, not crash the job that called it.
      return unusableConnector(connection, error instanceof Error ? error.message : String(error));
    }
  };
}

function buildConnector(connection: ChannelConnection, deps: ConnectorFactoryDeps): Connector {
  switch (connection.platform) {
    case 'assisted':
      return assistedConnector(connection.style);
    case 'webhook':
      return createWebhookConnector({
        config: WebhookConfigSchema.parse(connection.config),
        credentials: WebhookCredentialsSchema.parse(connection.credentials),
        now: () => deps.clock.now(),
      });
    case 'bluesky':
      return createBlueskyConnector({
        config: BlueskyConfigSchema.parse(connection.config),
        credentials: BlueskyCredentialsSchema.parse(connection.credentials),
        // Bluesky allows 30 sign-ins per 5 minutes: resume the saved session when there is one.
        ...(connection.credentials.session
          ? { session: connection.credentials.session as AtpSessionData }
          : {}),
        onSession: (session) => {
          void deps.saveSession?.(connection, session);
        },
      });
    case 'sandbox':
      if (!connection.externalAccountId) {
        throw new ConnectorError('auth', 'This sandbox channel has no simulated account');
      }
      return createSandboxConnector({
        db: deps.db,
        clock: deps.clock,
        workspaceId: connection.workspaceId,
        accountId: connection.externalAccountId,
        platformStyle: connection.style as PlatformStyle,
      });
  }
}

function unusableConnector(connection: ChannelConnection, reason: string): Connector {
  const fail = (): never => {
    throw new ConnectorError('auth', `The channel's settings cannot be used: ${reason}`, {
      action: 'Reconnect the channel with valid settings.',
    });
  };
  return {
    platform: connection.platform,
    capabilities: NO_CAPABILITIES,
    limits: limitsForStyle(connection.style),
    verify: () => Promise.resolve(fail()),
    publish: () => Promise.resolve(fail()),
    findPublished: () => Promise.resolve(fail()),
    fetchMetrics: () => Promise.resolve(fail()),
    fetchMessages: () => Promise.resolve(fail()),
    reply: () => Promise.resolve(fail()),
    audienceActivity: () => Promise.resolve(fail()),
  };
}

const NO_CAPABILITIES: ConnectorCapabilities = {
  publishText: false,
  publishImages: false,
  publishVideo: false,
  lookupByIdempotencyKey: false,
  readMetrics: false,
  readComments: false,
  replyComments: false,
  readDirectMessages: false,
  replyDirectMessages: false,
  hideComments: false,
  audienceStats: false,
};

/**
 * Platforms without a publishing API: OpsLoop prepares the post and reminds a person, who
 * publishes by hand and records the URL. The driver only declares limits; calling it is a bug.
 */
function assistedConnector(style: string): Connector {
  const manual = (): never => {
    throw new ConnectorError('rejected', 'This channel is published by hand', {
      action: 'Publish it on the platform, then mark it published with its URL.',
    });
  };
  return {
    platform: 'assisted',
    capabilities: NO_CAPABILITIES,
    limits: limitsForStyle(style),
    verify: () =>
      Promise.resolve({ externalId: style, handle: style, displayName: style, followers: null }),
    publish: () => Promise.resolve(manual()),
    findPublished: () => Promise.resolve(null),
    fetchMetrics: () => Promise.resolve([]),
    fetchMessages: () => Promise.resolve({ items: [], cursor: null }),
    reply: () => Promise.resolve(manual()),
    audienceActivity: () => Promise.resolve(null),
  };
}
