import { z } from 'zod';

/** Which account on which PDS a Bluesky channel posts as. */
export const BlueskyConfigSchema = z.object({
  // A self-hosted PDS may sit at localhost or a LAN address, which z.httpUrl would refuse.
  service: z
    .url({
      protocol: /^https?$/,
      error: 'Enter the address of your PDS, e.g. https://bsky.social.',
    })
    .default('https://bsky.social'),
  handle: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, '').toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
          'Enter a handle such as name.bsky.social.',
        ),
    ),
});
export type BlueskyConfig = z.infer<typeof BlueskyConfigSchema>;

/** An app password (Settings → Privacy and security → App passwords), never the account password. */
export const BlueskyCredentialsSchema = z.object({
  appPassword: z.string().trim().min(1, 'Enter an app password.').max(256),
});
export type BlueskyCredentials = z.infer<typeof BlueskyCredentialsSchema>;
