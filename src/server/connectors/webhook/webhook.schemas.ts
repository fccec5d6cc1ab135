import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Where a webhook channel sends its posts. */
export const WebhookConfigSchema = z.object({
  // Self-hosted receivers often live at http://localhost:5678 or a LAN address, which
  // z.httpUrl's public-hostname rule would refuse.
  url: z.url({
    protocol: /^https?$/,
    error: 'Enter an http:// or https:// address the receiver listens on.',
  }),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

/**
 * The signing secret of a webhook channel. It is a credential (encrypted at rest like any
 * other); when a person leaves it empty, the caller fills it with `generateWebhookSecret()`.
 */
export const WebhookCredentialsSchema = z.object({
  secret: z.string().min(16, 'The secret must be at least 16 characters long.').max(512),
});
export type WebhookCredentials = z.infer<typeof WebhookCredentialsSchema>;

/** A fresh random secret (256 bits, base64url) for a channel whose owner did not choose one. */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}
