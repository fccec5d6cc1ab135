import type { Selectable } from 'kysely';

/**
 * Kysely table types of the media library, merged into `Database`. Timestamps are epoch
 * milliseconds, as everywhere else.
 */
export interface MediaTables {
  media_asset: MediaAssetTable;
  post_target_media: PostTargetMediaTable;
}

export interface MediaAssetTable {
  workspace_id: string;
  id: string;
  /** image | video | audio */
  kind: string;
  file_name: string;
  /** The type found in the file's bytes, not the one the uploader claimed. */
  mime_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  /** Hex SHA-256; unique per workspace, so the same file is stored once. */
  sha256: string;
  /** Path of the file relative to the data folder (`media/<workspace>/<id>.<ext>`). */
  storage_key: string;
  source: string;
  license: string;
  attribution: string;
  alt_text: string;
  expires_at: number | null;
  /**
   * The last expiry alert sent, as `<state>@<expires_at>`: the daily check sends each state of
   * each license once, and again only when the date is changed.
   */
  alerted_state: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Media attached to one channel version of a post, in the order they are shown. */
export interface PostTargetMediaTable {
  workspace_id: string;
  target_id: string;
  position: number;
  asset_id: string;
}

export type MediaAssetRow = Selectable<MediaAssetTable>;
export type PostTargetMediaRow = Selectable<PostTargetMediaTable>;
