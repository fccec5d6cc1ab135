/**
 * The webhook connector: every publish is POSTed as signed JSON to a URL the channel's owner
 * chooses. Receivers verify requests with `verifyWebhookSignature` and dedupe by the
 * `X-OpsLoop-Idempotency-Key` header.
 */
export {
  createWebhookConnector,
  WEBHOOK_CAPABILITIES,
  WEBHOOK_LIMITS,
  WEBHOOK_USER_AGENT,
  type WebhookConnectorOptions,
  type WebhookPublishBody,
} from './webhook.connector.ts';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  type WebhookVerification,
} from './webhook-signature.ts';
export {
  generateWebhookSecret,
  WebhookConfigSchema,
  WebhookCredentialsSchema,
  type WebhookConfig,
  type WebhookCredentials,
} from './webhook.schemas.ts';
