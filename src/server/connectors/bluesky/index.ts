/**
 * The Bluesky connector: posts, replies, metrics and the inbox of one account through its PDS
 * with an app password.
 */
export {
  BLUESKY_CAPABILITIES,
  BLUESKY_LIMITS,
  createBlueskyConnector,
  type BlueskyConnectorOptions,
} from './bluesky.connector.ts';
export {
  BLUESKY_MAX_GRAPHEMES,
  BLUESKY_MAX_TEXT_BYTES,
  countGraphemes,
  detectLanguages,
  recordKeyFor,
  utf8Length,
} from './bluesky-text.ts';
export {
  BlueskyConfigSchema,
  BlueskyCredentialsSchema,
  type BlueskyConfig,
  type BlueskyCredentials,
} from './bluesky.schemas.ts';
