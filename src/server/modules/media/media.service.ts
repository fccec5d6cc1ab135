import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import {
  EXPIRY_WARNING_DAYS,
  expiryOf,
  MEDIA_TYPES,
  type MediaAsset,
  type MediaKind,
  type MediaPage,
  type ParsedMediaQuery,
  type UpdateMediaBody,
  type UploadedMedia,
  type UploadMediaFields,
} from '../../../shared/media.ts';
import type { Config } from '../../config.ts';
import { ConnectorError, limitsForStyle, type MediaInput } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import { checkMediaForChannel } from './media-limits.ts';
import { sniffMedia } from './media-sniff.ts';
import { removeStoredFile, storageKey, storagePath, writeStoredFile } from './media-storage.ts';
import type { MediaAssetRow } from './media-tables.ts';
import * as repo from './media.repo.ts';

export interface MediaServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  config: Pick<Config, 'dataDir'>;
}

/** A file as received by the upload route, before anything is trusted. */
export interface MediaUpload {
  bytes: Uint8Array;
  /** The type the client claimed (multipart part or Content-Type); only used in messages. */
  claimedType: string | null;
  /** The client's own name for the file, when it sent one. */
  claimedName: string | null;
  fields: UploadMediaFields;
}

/** A channel version and its chosen media, as the post editor sends them. */
export interface TargetMediaCheck {
  /** Position in the request, for the field name `targets.<index>.media`. */
  index: number;
  channel: { platform: string; style: string };
  mediaIds: readonly string[];
}

const DAY_MS = 86_400_000;
const MANAGERS = ['owner', 'admin', 'manager'];
const ACCEPTED_LIST =
  'PNG, JPEG, GIF or WebP images, MP4, MOV or WebM videos, or MP3, M4A, WAV or OGG audio';

function kindOf(row: MediaAssetRow): MediaKind {
  return (MEDIA_TYPES[row.mime_type as keyof typeof MEDIA_TYPES]?.kind ?? row.kind) as MediaKind;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A name safe to show and to send back in Content-Disposition: no paths, no control characters. */
function cleanFileName(name: string | null | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/["\p{Cc}]/gu, '')
    .trim()
    .slice(0, 200);
  return base || `upload.${ext}`;
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field}`, {
    fields: { [field]: message },
  });
}

export function createMediaService(deps: MediaServiceDeps) {
  const { db, clock, audit } = deps;
  const dataDir = deps.config.dataDir;

  function present(row: MediaAssetRow, pendingUses: number, now = clock.now()): MediaAsset {
    return {
      id: row.id,
      kind: kindOf(row),
      fileName: row.file_name,
      mimeType: row.mime_type,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      sha256: row.sha256,
      source: row.source as MediaAsset['source'],
      license: row.license as MediaAsset['license'],
      attribution: row.attribution,
      altText: row.alt_text,
      expiresAt: toIso(row.expires_at),
      expiry: expiryOf(row.expires_at, now).state,
      pendingUses,
      url: `/api/v1/workspaces/${row.workspace_id}/media/${row.id}/file`,
      createdBy: row.created_by,
      createdAt: toIso(row.created_at),
      updatedAt: toIso(row.updated_at),
    };
  }

  /** What the audit log keeps: the license terms, not the bytes' address. */
  function auditView(row: MediaAssetRow) {
    return {
      fileName: row.file_name,
      mimeType: row.mime_type,
      bytes: row.bytes,
      sha256: row.sha256,
      source: row.source,
      license: row.license,
      attribution: row.attribution,
      altText: row.alt_text,
      expiresAt: toIso(row.expires_at),
    };
  }

  async function presentRows(workspaceId: string, rows: MediaAssetRow[]): Promise<MediaAsset[]> {
    const uses = await repo.countPendingUses(
      db.kysely,
      workspaceId,
      rows.map((row) => row.id),
    );
    const now = clock.now();
    return rows.map((row) => present(row, uses.get(row.id) ?? 0, now));
  }

  async function requireAsset(workspaceId: string, assetId: string): Promise<MediaAssetRow> {
    const row = await repo.findAsset(db.kysely, workspaceId, assetId);
    if (!row) throw AppError.notFound('Media asset');
    return row;
  }

  async function presentOne(row: MediaAssetRow): Promise<MediaAsset> {
    const [asset] = await presentRows(row.workspace_id, [row]);
    return asset!;
  }

  /** Attached assets of each target, in their order; ids of deleted assets are left out. */
  async function attachedTo(
    executor: Executor,
    workspaceId: string,
    targetIds: readonly string[],
  ): Promise<Map<string, string[]>> {
    const rows = await repo.listAttachments(executor, workspaceId, targetIds);
    const out = new Map<string, string[]>();
    for (const row of rows) {
      const list = out.get(row.target_id) ?? [];
      list.push(row.asset_id);
      out.set(row.target_id, list);
    }
    return out;
  }

  async function expiryAlerts(workspaceId: string): Promise<number> {
    const now = clock.now();
    const rows = await repo.listExpiring(
      db.kysely,
      workspaceId,
      now + EXPIRY_WARNING_DAYS * DAY_MS,
    );
    let sent = 0;
    for (const row of rows) {
      const expiresAt = row.expires_at;
      if (expiresAt === null) continue;
      const { state } = expiryOf(expiresAt, now);
      if (state !== 'expired' && state !== 'expiring') continue;
      const alert = `${state}@${expiresAt}`;
      // The compare-and-set and the notification commit together: a second run, or a second
      // worker, finds the alert recorded and sends nothing.
      await db.kysely.transaction().execute(async (trx) => {
        if (!(await repo.markAlerted(trx, workspaceId, row.id, alert))) return;
        const uses = (await repo.countPendingUses(trx, workspaceId, [row.id])).get(row.id) ?? 0;
        const usage =
          uses > 0
            ? ` It is attached to ${uses} unpublished channel version${uses === 1 ? '' : 's'}, which cannot be scheduled past that date.`
            : '';
        await deps.notifications.notify(
          {
            workspaceId,
            roles: MANAGERS,
            kind: state === 'expired' ? 'media.license_expired' : 'media.license_expiring',
            title:
              state === 'expired'
                ? `License expired: ${row.file_name}`
                : `License ends on ${day(expiresAt)}: ${row.file_name}`,
            body:
              (state === 'expired'
                ? `The license for ${row.file_name} ended on ${day(expiresAt)}. Renew it or stop using the file.`
                : `The license for ${row.file_name} ends on ${day(expiresAt)}. Renew it or plan a replacement.`) +
              usage,
            link: `/w/${workspaceId}/media?asset=${row.id}`,
            dedupeKey: `media.expiry:${row.id}:${alert}`,
          },
          trx,
        );
        sent += 1;
      });
    }
    return sent;
  }

  return {
    // ── the library ───────────────────────────────────────────────────────
    async list(scope: WorkspaceScope, query: ParsedMediaQuery): Promise<MediaPage> {
      const limit = query.limit ?? 60;
      const now = clock.now();
      const rows = await repo.listAssets(db.kysely, scope.workspaceId, {
        kind: query.kind,
        license: query.license,
        expiresBy:
          query.expiry === 'expired'
            ? now
            : query.expiry === 'expiring'
              ? now + EXPIRY_WARNING_DAYS * DAY_MS
              : undefined,
        q: query.q,
        ids: query.ids,
        before: query.cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: await presentRows(scope.workspaceId, page),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },

    async get(scope: WorkspaceScope, assetId: string): Promise<MediaAsset> {
      return presentOne(await requireAsset(scope.workspaceId, assetId));
    },

    /**
     * Stores an upload. The bytes decide what the file is; the same bytes uploaded again return
     * the asset already in the library (its license fields unchanged).
     */
    async upload(scope: WorkspaceScope, upload: MediaUpload, actor: Actor): Promise<UploadedMedia> {
      if (upload.bytes.byteLength === 0) {
        throw invalid('file', 'is empty: choose a file with content');
      }
      const sniffed = sniffMedia(upload.bytes);
      if (!sniffed) {
        const claimed = upload.claimedType?.split(';')[0]?.trim();
        throw invalid(
          'file',
          `${claimed ? `${claimed} is` : 'this file is'} not a type OpsLoop can publish; upload ${ACCEPTED_LIST}`,
        );
      }
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      const existing = await repo.findAssetBySha256(db.kysely, scope.workspaceId, sha256);
      if (existing) return { ...(await presentOne(existing)), duplicate: true };

      const now = clock.now();
      const id = newId(now);
      const fields = upload.fields;
      const row: MediaAssetRow = {
        workspace_id: scope.workspaceId,
        id,
        kind: sniffed.kind,
        file_name: cleanFileName(fields.fileName ?? upload.claimedName, sniffed.ext),
        mime_type: sniffed.mimeType,
        bytes: upload.bytes.byteLength,
        width: sniffed.width,
        height: sniffed.height,
        sha256,
        storage_key: storageKey(scope.workspaceId, id, sniffed.ext),
        source: fields.source ?? 'own',
        license: fields.license ?? 'unknown',
        attribution: fields.attribution ?? '',
        alt_text: fields.altText ?? '',
        expires_at: fields.expiresAt ?? null,
        alerted_state: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      // The file goes first: a row never points at a file that is not there.
      await writeStoredFile(dataDir, row.storage_key, upload.bytes);
      try {
        await audit.change(actor, (trx) => repo.insertAsset(trx, row), {
          workspaceId: scope.workspaceId,
          action: 'media.upload',
          targetType: 'media_asset',
          targetId: id,
          after: auditView(row),
        });
      } catch (error) {
        await removeStoredFile(dataDir, row.storage_key);
        // Two uploads of one file at once: the other one won, and is the answer.
        const winner = await repo.findAssetBySha256(db.kysely, scope.workspaceId, sha256);
        if (winner) return { ...(await presentOne(winner)), duplicate: true };
        throw error;
      }
      return { ...present(row, 0, now), duplicate: false };
    },

    async update(
      scope: WorkspaceScope,
      assetId: string,
      body: UpdateMediaBody,
      actor: Actor,
    ): Promise<MediaAsset> {
      const before = await requireAsset(scope.workspaceId, assetId);
      const changes: Partial<MediaAssetRow> & { updated_at: number } = { updated_at: clock.now() };
      if (body.fileName !== undefined) changes.file_name = cleanFileName(body.fileName, 'bin');
      if (body.source !== undefined) changes.source = body.source;
      if (body.license !== undefined) changes.license = body.license;
      if (body.attribution !== undefined) changes.attribution = body.attribution;
      if (body.altText !== undefined) changes.alt_text = body.altText;
      if (body.expiresAt !== undefined) changes.expires_at = body.expiresAt;
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateAsset(trx, scope.workspaceId, assetId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'media.update',
          targetType: 'media_asset',
          targetId: assetId,
          before: auditView(before),
          after: auditView(after),
        },
      );
      return presentOne(after);
    },

    /** Deletes an asset and its file; refused while an unpublished channel version uses it. */
    async remove(scope: WorkspaceScope, assetId: string, actor: Actor): Promise<void> {
      const row = await requireAsset(scope.workspaceId, assetId);
      await db.kysely.transaction().execute(async (trx) => {
        const posts = await repo.listPendingPosts(trx, scope.workspaceId, assetId, 3);
        if (posts.length > 0) {
          const names = posts
            .map((post) => `“${(post.title ?? post.body).slice(0, 40) || post.id}”`)
            .join(', ');
          throw new AppError(
            'conflict',
            `${row.file_name} is attached to posts that are not published yet (${names}); remove it from them or cancel them first`,
          );
        }
        await repo.deleteAsset(trx, scope.workspaceId, assetId);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'media.remove',
          targetType: 'media_asset',
          targetId: assetId,
          before: auditView(row),
        });
      });
      await removeStoredFile(dataDir, row.storage_key);
    },

    /** The stored file of an asset, for the route that serves it to members. */
    async file(
      scope: WorkspaceScope,
      assetId: string,
    ): Promise<{
      path: string;
      mimeType: string;
      bytes: number;
      fileName: string;
      sha256: string;
    }> {
      const row = await requireAsset(scope.workspaceId, assetId);
      return {
        path: storagePath(dataDir, row.storage_key),
        mimeType: row.mime_type,
        bytes: row.bytes,
        fileName: row.file_name,
        sha256: row.sha256,
      };
    },

    // ── posts: attachments, limits, expiry ────────────────────────────────
    attachedTo,

    /** Sets a channel version's media (inside the transaction that saves the post). */
    attach: (
      executor: Executor,
      workspaceId: string,
      targetId: string,
      assetIds: readonly string[],
    ) => repo.replaceAttachments(executor, workspaceId, targetId, assetIds),

    /**
     * Checks that each version's media are in this workspace, listed once, and fit the
     * channel's platform. Returns `targets.<i>.media` → what to change; empty when all fit.
     */
    async checkTargets(
      workspaceId: string,
      targets: readonly TargetMediaCheck[],
    ): Promise<Record<string, string>> {
      const ids = targets.flatMap((t) => t.mediaIds);
      const rows = await repo.findAssets(db.kysely, workspaceId, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const fields: Record<string, string> = {};
      for (const target of targets) {
        if (target.mediaIds.length === 0) continue;
        const field = `targets.${target.index}.media`;
        const missing = target.mediaIds.filter((id) => !byId.has(id));
        if (missing.length > 0) {
          fields[field] = `no such media in this workspace: ${missing.join(', ')}`;
          continue;
        }
        if (new Set(target.mediaIds).size !== target.mediaIds.length) {
          fields[field] = 'the same file is attached twice; remove the copy';
          continue;
        }
        const media = target.mediaIds.map((id) => {
          const row = byId.get(id)!;
          return { kind: kindOf(row), fileName: row.file_name, bytes: row.bytes };
        });
        const problems = checkMediaForChannel(
          media,
          target.channel,
          limitsForStyle(target.channel.style),
        );
        if (problems.length > 0) fields[field] = problems.join('; ');
      }
      return fields;
    },

    /**
     * Refuses a slot at which a license of an attached file has run out, naming the channel
     * version (`targets.<i>.media`) and the file.
     */
    async assertUsableAt(
      executor: Executor,
      workspaceId: string,
      targets: readonly { index: number; targetId: string }[],
      at: number,
    ): Promise<void> {
      const attached = await attachedTo(
        executor,
        workspaceId,
        targets.map((t) => t.targetId),
      );
      const rows = await repo.findAssets(executor, workspaceId, [...attached.values()].flat());
      const byId = new Map(rows.map((row) => [row.id, row]));
      const fields: Record<string, string> = {};
      for (const target of targets) {
        const expired = (attached.get(target.targetId) ?? [])
          .map((id) => byId.get(id))
          .filter((row) => row?.expires_at != null && row.expires_at <= at);
        if (expired.length === 0) continue;
        fields[`targets.${target.index}.media`] = expired
          .map(
            (row) =>
              `the license of ${row!.file_name} ends on ${day(row!.expires_at!)}, before this slot: renew it in the media library or remove the file`,
          )
          .join('; ');
      }
      if (Object.keys(fields).length > 0) {
        throw new AppError(
          'validation_failed',
          'A file attached to this post may no longer be used at that time',
          { fields },
        );
      }
    },

    /**
     * The files to send with a channel version. A license that has run out, or a file gone from
     * the data folder, refuses the send with what to do about it.
     */
    async filesFor(workspaceId: string, targetId: string): Promise<MediaInput[]> {
      const ids = (await attachedTo(db.kysely, workspaceId, [targetId])).get(targetId) ?? [];
      if (ids.length === 0) return [];
      const rows = await repo.findAssets(db.kysely, workspaceId, ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const now = clock.now();
      const out: MediaInput[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        if (row.expires_at !== null && row.expires_at <= now) {
          throw new ConnectorError(
            'rejected',
            `The license of ${row.file_name} ended on ${day(row.expires_at)}.`,
            { action: 'Renew the license in the media library or remove the file, then retry.' },
          );
        }
        const path = storagePath(dataDir, row.storage_key);
        const stat = await fs.stat(path).catch(() => null);
        if (!stat) {
          throw new ConnectorError(
            'rejected',
            `The file ${row.file_name} is missing from storage.`,
            {
              action: 'Upload it to the media library again, attach it, then retry.',
            },
          );
        }
        const kind = kindOf(row);
        if (kind === 'audio') {
          throw new ConnectorError('rejected', `${row.file_name} is an audio file.`, {
            action: 'Remove it from this channel version, then retry.',
          });
        }
        out.push({
          kind,
          path,
          mimeType: row.mime_type,
          bytes: stat.size,
          altText: row.alt_text || undefined,
        });
      }
      return out;
    },

    // ── expiry alerts ─────────────────────────────────────────────────────
    /** Workspaces with a license ending within the warning window (or already ended). */
    workspacesToCheck: () =>
      repo.listWorkspacesWithExpiring(db.kysely, clock.now() + EXPIRY_WARNING_DAYS * DAY_MS),

    /** Tells the workspace's managers, once per asset and state, about licenses running out. */
    sendExpiryAlerts: expiryAlerts,
  };
}

/** The media library: uploads, license terms, attachments to posts and expiry alerts. */
export type MediaService = ReturnType<typeof createMediaService>;
