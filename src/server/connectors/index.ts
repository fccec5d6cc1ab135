/**
 * Connectors: one driver per platform behind the `Connector` interface. Other code imports only
 * this file; it builds the right driver for a channel.
 */
export * from './connector.ts';
export { limitsForStyle, PLATFORM_LIMITS } from './platform-limits.ts';
export {
  createConnectorFactory,
  type ChannelConnection,
  type ConnectorFactory,
} from './factory.ts';
export { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook/index.ts';
export {
  createSandboxAccount,
  generateSandboxHistory,
  listSandboxHiddenComments,
  listSandboxMessages,
  listSandboxPublishCalls,
  listSandboxReplies,
  readMessageTruth,
  listSandboxPosts,
  readSandboxTruth,
  updateSandboxFailures,
  type PlatformStyle,
  type SandboxHistoryPost,
} from './sandbox/index.ts';
