import type { Db } from '../db/database.ts';
import type { Clock } from '../platform/clock.ts';
import { ConnectorError, type Connector, type PlatformId } from './connector.ts';
import { limitsForStyle } from './platform-limits.ts';

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
}

export function createConnectorFactory(deps: ConnectorFactoryDeps): ConnectorFactory {
  return (connection) => {
    switch (connection.platform) {
      case 'assisted':
        return assistedConnector(connection.style);
      case 'sandbox':
      case 'webhook':
      case 'bluesky':
        void deps;
        throw new ConnectorError('rejected', `The ${connection.platform} driver is not available`);
    }
  };
}

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
    capabilities: {
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
    },
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
