import { z } from 'zod';
import { IdSchema } from './api.ts';

/**
 * API shapes of the media library (素材库): images, videos and audio a workspace owns or may use,
 * with where each came from, its license (版权/授权) and when that license runs out. Request
 * bodies are strict: unknown fields are rejected.
 */

const isoDate = z.iso.datetime();

export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Where a file came from: our own shoot, a stock site, a user's post used with permission… */
export const MEDIA_SOURCES = ['own', 'stock', 'ugc', 'partner', 'other'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

/** On what terms it may be used. `editorial_only` may not appear in advertising. */
export const MEDIA_LICENSES = [
  'owned',
  'licensed',
  'cc0',
  'cc_by',
  'cc_by_sa',
  'editorial_only',
  'unknown',
] as const;
export type MediaLicense = (typeof MEDIA_LICENSES)[number];

/** A license ending within this many days is shown, and announced, as expiring. */
export const EXPIRY_WARNING_DAYS = 7;
export const EXPIRY_STATES = ['none', 'valid', 'expiring', 'expired'] as const;
export type ExpiryState = (typeof EXPIRY_STATES)[number];

/** File types the library accepts, by the type found in the file's own bytes. */
export const MEDIA_TYPES = {
  'image/png': { kind: 'image', ext: 'png' },
  'image/jpeg': { kind: 'image', ext: 'jpg' },
  'image/gif': { kind: 'image', ext: 'gif' },
  'image/webp': { kind: 'image', ext: 'webp' },
  'video/mp4': { kind: 'video', ext: 'mp4' },
  'video/quicktime': { kind: 'video', ext: 'mov' },
  'video/webm': { kind: 'video', ext: 'webm' },
  'audio/mpeg': { kind: 'audio', ext: 'mp3' },
  'audio/mp4': { kind: 'audio', ext: 'm4a' },
  'audio/wav': { kind: 'audio', ext: 'wav' },
  'audio/ogg': { kind: 'audio', ext: 'ogg' },
} as const satisfies Record<string, { kind: MediaKind; ext: string }>;
export type MediaMimeType = keyof typeof MEDIA_TYPES;
/** For file pickers: `accept="…"`. */
export const MEDIA_ACCEPT = Object.keys(MEDIA_TYPES).join(',');

/** Days until `expiresAt` (rounded up), and what that means, at `now`. */
export function expiryOf(
  expiresAt: string | number | null,
  now: number,
): { state: ExpiryState; days: number | null } {
  if (expiresAt === null) return { state: 'none', days: null };
  const at = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt);
  const days = Math.ceil((at - now) / 86_400_000);
  if (at <= now) return { state: 'expired', days };
  return { state: days <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', days };
}

export const MediaAssetSchema = z.object({
  id: z.string(),
  kind: z.enum(MEDIA_KINDS),
  fileName: z.string(),
  mimeType: z.string(),
  bytes: z.number(),
  /** Pixel size of images whose header tells it; null otherwise. */
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** Hex SHA-256 of the bytes: one asset per distinct file in a workspace. */
  sha256: z.string(),
  source: z.enum(MEDIA_SOURCES),
  license: z.enum(MEDIA_LICENSES),
  /** Credit line to publish with it, e.g. "Photo: Li Wei / Unsplash". */
  attribution: z.string(),
  /** Description for people who cannot see the image; sent as alt text where platforms take it. */
  altText: z.string(),
  expiresAt: isoDate.nullable(),
  expiry: z.enum(EXPIRY_STATES),
  /** Channel versions not yet published that use it; it cannot be deleted while this is > 0. */
  pendingUses: z.number(),
  /** Where the file is served to members of the workspace. */
  url: z.string(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type MediaAsset = z.infer<typeof MediaAssetSchema>;

export const UploadedMediaSchema = MediaAssetSchema.extend({
  /** True when the same bytes were already in the library: that asset is returned unchanged. */
  duplicate: z.boolean(),
});
export type UploadedMedia = z.infer<typeof UploadedMediaSchema>;

export const MediaPageSchema = z.object({
  items: z.array(MediaAssetSchema),
  nextCursor: z.string().nullable(),
});
export type MediaPage = z.infer<typeof MediaPageSchema>;

export const MediaQuerySchema = z.strictObject({
  kind: z.enum(MEDIA_KINDS).optional(),
  license: z.enum(MEDIA_LICENSES).optional(),
  /** `expiring` covers both expired and ending within seven days. */
  expiry: z.enum(['expiring', 'expired']).optional(),
  q: z.string().trim().max(100).optional(),
  /** Comma-separated ids: fetch exactly these (the editor resolving attachments). */
  ids: z
    .string()
    .max(64 * 51)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(IdSchema).max(50))
    .optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type MediaQuery = z.input<typeof MediaQuerySchema>;
export type ParsedMediaQuery = z.output<typeof MediaQuerySchema>;

const attribution = z.string().trim().max(500);
const altText = z.string().trim().max(2000);
const fileName = z.string().trim().min(1).max(200);
/** A date (`2026-03-31`, the license ends at that day's end in UTC) or an instant. */
const expiresAt = z
  .union([z.iso.date(), isoDate])
  .transform((value) =>
    value.length === 10 ? Date.parse(`${value}T23:59:59.999Z`) : Date.parse(value),
  )
  .nullable();

/** License fields sent with an upload: multipart form fields or query parameters. */
export const UploadMediaFieldsSchema = z.strictObject({
  fileName: fileName.optional(),
  source: z.enum(MEDIA_SOURCES).optional(),
  license: z.enum(MEDIA_LICENSES).optional(),
  attribution: attribution.optional(),
  altText: altText.optional(),
  expiresAt: z
    .union([z.literal('').transform(() => null), expiresAt])
    .nullable()
    .optional(),
});
export type UploadMediaFields = z.output<typeof UploadMediaFieldsSchema>;

export const UpdateMediaBodySchema = z.strictObject({
  fileName: fileName.optional(),
  source: z.enum(MEDIA_SOURCES).optional(),
  license: z.enum(MEDIA_LICENSES).optional(),
  attribution: attribution.optional(),
  altText: altText.optional(),
  expiresAt: expiresAt.optional(),
});
export type UpdateMediaBody = z.output<typeof UpdateMediaBodySchema>;
export type UpdateMediaInput = z.input<typeof UpdateMediaBodySchema>;

export const MediaParamsSchema = z.strictObject({ workspaceId: IdSchema, assetId: IdSchema });
