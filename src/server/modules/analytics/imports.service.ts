import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  IMPORT_PRESETS,
  importFieldsOf,
  MAX_IMPORT_BYTES,
  POST_COUNT_FIELDS,
  type CreateImportBody,
  type ImportDetection,
  type ImportField,
  type ImportIssuePage,
  type ImportOptions,
  type ImportPartBody,
  type ImportPreview,
  type MetricImport,
} from '../../../shared/analytics.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { MetricImportRow } from './analytics-tables.ts';
import { chooseHeader, detectImport, isSummaryRow } from './import-detect.ts';
import {
  detectFormat,
  ImportFileError,
  readImportFile,
  type ImportFormat,
  type SheetRow,
} from './import-file.ts';
import {
  convertDailyRow,
  convertPostRow,
  type ConvertContext,
  type PostImportRow,
  type RowIssue,
} from './import-rows.ts';
import * as ingestRepo from './ingest.repo.ts';
import type { ChannelRef, DailyWrite, SnapshotWrite, TargetRef } from './ingest.repo.ts';
import {
  dedupeDaily,
  dedupeSnapshots,
  snapshotWrite,
  type ExternalPost,
  type ImportPosts,
} from './ingest.service.ts';
import { createTargetIndex, type TargetIndex } from './post-match.ts';
import * as repo from './imports.repo.ts';

export interface ImportServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  jobs: JobQueue;
  importPosts: ImportPosts;
}

/** Rows per transaction: progress moves in these steps, and a retry resumes after the last. */
const CHUNK_ROWS = 500;
const PREVIEW_ROWS = 20;
const MAX_ATTEMPTS = 3;
const LIST_LIMIT = 100;

const StoredOptionsSchema = z.object({
  asOf: z.number(),
  unknownPosts: z.enum(['create', 'report']),
  currency: z.string(),
});
type StoredOptions = z.infer<typeof StoredOptionsSchema>;

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function present(row: MetricImportRow): MetricImport {
  const options = row.options_json
    ? StoredOptionsSchema.safeParse(parseJson(row.options_json, null))
    : null;
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format as ImportFormat,
    size: row.size,
    status: row.status as MetricImport['status'],
    kind: row.kind as MetricImport['kind'],
    preset: row.preset,
    channelId: row.channel_id,
    sheet: row.sheet,
    sheets: parseJson<string[]>(row.sheets_json, []),
    headerRow: row.header_row,
    headers: parseJson<string[]>(row.headers_json, []),
    detected: parseJson<ImportDetection | null>(row.detected_json, null),
    columns: parseJson<(string | null)[] | null>(row.mapping_json, null),
    asOf: options?.success ? toIso(options.data.asOf) : null,
    unknownPosts: options?.success ? options.data.unknownPosts : null,
    currency: options?.success ? options.data.currency : null,
    rowsTotal: row.rows_total,
    rowsDone: row.rows_done,
    rowsImported: row.rows_imported,
    rowsFailed: row.rows_failed,
    rowsSkipped: row.rows_skipped,
    postsMatched: row.posts_matched,
    postsCreated: row.posts_created,
    error: row.error,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    undoneAt: toIso(row.undone_at),
  };
}

function decodeBase64(data: string): Buffer {
  return Buffer.from(data, 'base64');
}

function badInput(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field}`, {
    fields: { [field]: message },
  });
}

interface Analysis {
  sheets: string[];
  sheet: string;
  headerRow: number;
  headers: string[];
  detection: ImportDetection;
  rowsTotal: number;
}

async function analyze(
  format: ImportFormat,
  bytes: Uint8Array,
  sheet: string | null,
  headerRow?: number,
): Promise<Analysis> {
  const file = await readImportFile(format, bytes, sheet);
  const choice = chooseHeader(file.rows, headerRow);
  if (choice.headers.length === 0) {
    throw new ImportFileError('The file has no header row with column names.');
  }
  return {
    sheets: file.sheets,
    sheet: file.sheet,
    headerRow: choice.headerRow,
    headers: choice.headers,
    detection: detectImport(choice),
    rowsTotal: choice.dataRows.length,
  };
}

/** Thrown inside a chunk's transaction when another runner has moved the import on. */
class ImportMovedOn extends Error {}

/** A stable short hash of what names a post, for keys of posts an import creates. */
function identityHash(row: PostImportRow): string {
  const identity = row.externalId ?? row.url ?? `${row.title ?? ''}|${row.publishedAt ?? ''}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 20);
}

/**
 * Imports of platform exports (CSV/XLSX): upload in parts, detection of header, preset and
 * columns, a preview, a job that imports in steps with progress and a report of every bad row,
 * and undo that removes exactly what the import wrote and puts back what it replaced.
 */
export function createImportService(deps: ImportServiceDeps) {
  const { db, clock, audit } = deps;

  async function requireImport(scope: WorkspaceScope, importId: string): Promise<MetricImportRow> {
    const row = await repo.findImport(db.kysely, scope.workspaceId, importId);
    if (!row) throw AppError.notFound('Import');
    if (scope.channelIds && row.channel_id && !scope.channelIds.includes(row.channel_id)) {
      throw AppError.notFound('Import');
    }
    return row;
  }

  async function loadFile(workspaceId: string, importId: string): Promise<Buffer> {
    const parts = await repo.listParts(db.kysely, workspaceId, importId);
    return Buffer.concat(parts.map((p) => decodeBase64(p.data)));
  }

  function analysisPatch(analysis: Analysis) {
    return {
      sheet: analysis.sheet,
      sheets_json: JSON.stringify(analysis.sheets),
      header_row: analysis.headerRow,
      headers_json: JSON.stringify(analysis.headers),
      detected_json: JSON.stringify(analysis.detection),
      rows_total: analysis.rowsTotal,
    };
  }

  async function analyzeOrRefuse(
    format: ImportFormat,
    bytes: Uint8Array,
    sheet: string | null,
    headerRow?: number,
  ): Promise<Analysis> {
    try {
      return await analyze(format, bytes, sheet, headerRow);
    } catch (error) {
      if (error instanceof ImportFileError) throw badInput('data', error.message);
      throw error;
    }
  }

  /** Checks the options of a preview or start; 400 naming the field at fault. */
  async function checkOptions(
    scope: WorkspaceScope,
    row: MetricImportRow,
    options: ImportOptions,
  ): Promise<{ channel: ChannelRef; columns: (ImportField | null)[] }> {
    const [channel] = await ingestRepo.findChannels(db.kysely, scope.workspaceId, [
      options.channelId,
    ]);
    if (!channel || (scope.channelIds && !scope.channelIds.includes(channel.id))) {
      throw badInput('channelId', 'no such channel in this workspace');
    }
    if (options.preset && !IMPORT_PRESETS.some((p) => p.id === options.preset)) {
      throw badInput('preset', 'no such preset');
    }
    const headers = parseJson<string[]>(row.headers_json, []);
    if (options.columns.length !== headers.length) {
      throw badInput('columns', `give one entry per column of the file (${headers.length})`);
    }
    const allowed = new Set<string>(importFieldsOf(options.kind));
    const seen = new Map<string, number>();
    const fields: Record<string, string> = {};
    options.columns.forEach((field, i) => {
      if (field === null) return;
      if (!allowed.has(field)) fields[`columns.${i}`] = `not a field of ${options.kind} rows`;
      else if (seen.has(field)) {
        fields[`columns.${i}`] = `${field} is already given to column ${seen.get(field)! + 1}`;
      } else seen.set(field, i);
    });
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
    const columns = options.columns as (ImportField | null)[];
    if (options.kind === 'posts') {
      if (
        !columns.some(
          (f) => f === 'title' || f === 'external_id' || f === 'url' || f === 'target_id',
        )
      ) {
        throw badInput('columns', 'map a column to the title, the post id or the link');
      }
      if (
        !columns.some((f) => f !== null && (POST_COUNT_FIELDS as readonly string[]).includes(f))
      ) {
        throw badInput('columns', 'map at least one column of numbers');
      }
    } else {
      if (!columns.includes('day')) throw badInput('columns', 'map a column to the date');
      if (!columns.some((f) => f !== null && f !== 'day')) {
        throw badInput('columns', 'map at least one column of numbers');
      }
    }
    return { channel, columns };
  }

  function storedOptions(row: MetricImportRow, options: ImportOptions): StoredOptions {
    return {
      asOf: options.asOf ? Date.parse(options.asOf) : row.created_at,
      unknownPosts: options.unknownPosts,
      currency: options.currency,
    };
  }

  interface ChunkResult {
    issues: RowIssue[];
    snapshots: SnapshotWrite[];
    daily: DailyWrite[];
    imported: number;
    skipped: number;
    matched: number;
    created: { target_id: string; post_id: string }[];
  }

  /** Reads and resolves a chunk of rows. Posts the channel lacks are created here, when allowed. */
  async function prepareChunk(
    row: MetricImportRow,
    rows: readonly SheetRow[],
    ctx: ConvertContext,
    options: StoredOptions,
    index: TargetIndex | null,
    dryRun: boolean,
  ): Promise<
    ChunkResult & { decided: Map<number, 'matched' | 'new'>; converted: Map<number, unknown> }
  > {
    const result = {
      issues: [] as RowIssue[],
      snapshots: [] as SnapshotWrite[],
      daily: [] as DailyWrite[],
      imported: 0,
      skipped: 0,
      matched: 0,
      created: [] as { target_id: string; post_id: string }[],
      decided: new Map<number, 'matched' | 'new'>(),
      converted: new Map<number, unknown>(),
    };
    const now = clock.now();
    const ownKey = `import:${row.id}:`;
    if (row.kind === 'channel_daily') {
      for (const sheetRow of rows) {
        if (isSummaryRow(sheetRow.cells)) {
          result.skipped += 1;
          continue;
        }
        const converted = convertDailyRow(sheetRow, ctx);
        if ('issue' in converted) {
          result.issues.push(converted.issue);
          continue;
        }
        if (!converted.row) {
          result.skipped += 1;
          continue;
        }
        result.converted.set(sheetRow.line, converted.row);
        result.imported += 1;
        for (const value of converted.row.values) {
          result.daily.push({
            workspace_id: row.workspace_id,
            channel_id: row.channel_id!,
            day: converted.row.day,
            metric: value.metric,
            dimension: value.dimension,
            value: value.value,
            source: 'import',
            import_id: row.id,
            updated_at: now,
          });
        }
      }
      result.daily = dedupeDaily(result.daily);
      return result;
    }

    const resolved: { post: PostImportRow; target: TargetRef }[] = [];
    const waiting = new Map<string, { post: PostImportRow; rows: PostImportRow[] }>();
    for (const sheetRow of rows) {
      if (isSummaryRow(sheetRow.cells)) {
        result.skipped += 1;
        continue;
      }
      const converted = convertPostRow(sheetRow, ctx);
      if ('issue' in converted) {
        result.issues.push(converted.issue);
        continue;
      }
      const post = converted.row;
      result.converted.set(post.line, post);
      const match = index!.match(post);
      if (match.kind === 'matched') {
        resolved.push({ post, target: match.target });
        result.decided.set(post.line, 'matched');
        if (match.target.idempotency_key.startsWith(ownKey)) {
          // Created by this import in a run that stopped before recording it.
          result.created.push({ target_id: match.target.id, post_id: match.target.post_id });
        } else result.matched += 1;
        continue;
      }
      if (match.kind === 'ambiguous') {
        result.issues.push({
          line: post.line,
          field: 'title',
          value: post.title,
          reason: `the title matches ${match.count} posts of this channel; add a post id or link column to tell them apart`,
        });
        continue;
      }
      if (options.unknownPosts === 'report') {
        result.issues.push({
          line: post.line,
          field: null,
          value: post.title ?? post.externalId ?? post.url,
          reason: 'no post of this channel matches the row',
        });
        continue;
      }
      if (post.publishedAt === null) {
        result.issues.push({
          line: post.line,
          field: 'published_at',
          value: null,
          reason:
            'no post of this channel matches the row, and without a publish time it cannot be added',
        });
        continue;
      }
      result.decided.set(post.line, 'new');
      const key = identityHash(post);
      const entry = waiting.get(key);
      if (entry) entry.rows.push(post);
      else waiting.set(key, { post, rows: [post] });
    }

    if (!dryRun && waiting.size > 0) {
      const items: ExternalPost[] = [...waiting.entries()].map(([key, { post }]) => {
        const text = post.title ?? post.externalId ?? post.url ?? '';
        return {
          channelId: row.channel_id!,
          title: text.length > 60 ? `${text.slice(0, 60)}…` : text || null,
          text,
          topics: [],
          externalId: post.externalId ?? post.url ?? `${ownKey}${key}`,
          url: post.url,
          publishedAt: post.publishedAt!,
          idempotencyKey: `${ownKey}${key}`,
        };
      });
      const ids = await deps.importPosts(row.workspace_id, row.created_by ?? 'import', items);
      const targets = await ingestRepo.findTargetsByIds(db.kysely, row.workspace_id, ids);
      const byKey = new Map(targets.map((t) => [t.idempotency_key, t]));
      for (const [key, { rows: posts }] of waiting) {
        const target = byKey.get(`${ownKey}${key}`);
        if (!target) continue;
        index!.add(target);
        result.created.push({ target_id: target.id, post_id: target.post_id });
        for (const post of posts) resolved.push({ post, target });
      }
    }

    result.imported =
      resolved.length + (dryRun ? [...waiting.values()].reduce((n, w) => n + w.rows.length, 0) : 0);
    result.snapshots = dedupeSnapshots(
      resolved.map(({ post, target }) =>
        snapshotWrite(
          row.workspace_id,
          target,
          post.observedAt,
          { ...post.counts, currency: post.counts.revenue != null ? ctx.currency : undefined },
          'import',
          row.id,
        ),
      ),
    );
    return result;
  }

  /** Saves what the chunk's rows replace, so undo can put it back. */
  async function savePriors(
    trx: Executor,
    row: MetricImportRow,
    snapshots: readonly SnapshotWrite[],
    daily: readonly DailyWrite[],
  ): Promise<void> {
    const newSnapshots = new Map(
      snapshots.map((s) => [ingestRepo.snapshotKey(s.target_id, s.observed_at), s]),
    );
    const newDaily = new Map(
      daily.map((d) => [ingestRepo.dailyKey(d.channel_id, d.day, d.metric, d.dimension), d]),
    );
    const priors: Parameters<typeof ingestRepo.insertPriors>[1][number][] = [];
    for (const old of await ingestRepo.findOverwrittenSnapshots(
      trx,
      row.workspace_id,
      row.id,
      snapshots,
    )) {
      const key = ingestRepo.snapshotKey(old.target_id, old.observed_at);
      const next = newSnapshots.get(key)!;
      const same = (Object.keys(old) as (keyof SnapshotWrite)[]).every(
        (k) => k === 'source' || k === 'import_id' || old[k] === next[k],
      );
      if (same) continue;
      priors.push({
        workspace_id: row.workspace_id,
        import_id: row.id,
        row_key: key,
        prior_import_id: old.import_id,
        prior_json: JSON.stringify(old),
      });
    }
    for (const old of await ingestRepo.findOverwrittenDaily(trx, row.workspace_id, row.id, daily)) {
      const key = ingestRepo.dailyKey(old.channel_id, old.day, old.metric, old.dimension);
      if (newDaily.get(key)!.value === old.value) continue;
      priors.push({
        workspace_id: row.workspace_id,
        import_id: row.id,
        row_key: key,
        prior_import_id: old.import_id,
        prior_json: JSON.stringify(old),
      });
    }
    await ingestRepo.insertPriors(trx, priors);
  }

  async function contextOf(row: MetricImportRow, options: StoredOptions): Promise<ConvertContext> {
    const [channel] = await ingestRepo.findChannels(db.kysely, row.workspace_id, [row.channel_id!]);
    return {
      columns: parseJson<(ImportField | null)[]>(row.mapping_json, []),
      timezone: channel?.timezone ?? 'UTC',
      asOf: options.asOf,
      currency: options.currency,
    };
  }

  async function fail(row: MetricImportRow, message: string): Promise<void> {
    await repo.updateImport(db.kysely, row.workspace_id, row.id, {
      status: 'failed',
      error: message,
      finished_at: clock.now(),
      updated_at: clock.now(),
    });
  }

  /** The import job: resumes after the last chunk written, so a retry never writes a row twice. */
  async function processImport(
    workspaceId: string,
    importId: string,
    attempt: number,
  ): Promise<void> {
    let row = await repo.findImport(db.kysely, workspaceId, importId);
    if (!row || !['queued', 'running'].includes(row.status)) return;
    try {
      const now = clock.now();
      await repo.updateImport(db.kysely, workspaceId, importId, {
        status: 'running',
        started_at: row.started_at ?? now,
        updated_at: now,
      });
      const options = StoredOptionsSchema.parse(JSON.parse(row.options_json ?? 'null'));
      let file;
      try {
        file = await readImportFile(
          row.format as ImportFormat,
          await loadFile(workspaceId, importId),
          row.sheet,
        );
      } catch (error) {
        if (error instanceof ImportFileError) return await fail(row, error.message);
        throw error;
      }
      const { dataRows } = chooseHeader(file.rows, row.header_row ?? undefined);
      const ctx = await contextOf(row, options);
      const index =
        row.kind === 'posts'
          ? createTargetIndex(
              await ingestRepo.listChannelTargets(db.kysely, workspaceId, row.channel_id!),
            )
          : null;
      for (let start = row.rows_done; start < dataRows.length; start += CHUNK_ROWS) {
        const chunk = dataRows.slice(start, start + CHUNK_ROWS);
        const prepared = await prepareChunk(row, chunk, ctx, options, index, false);
        const current: MetricImportRow = row;
        await db.kysely.transaction().execute(async (trx) => {
          await savePriors(trx, current, prepared.snapshots, prepared.daily);
          await ingestRepo.upsertSnapshots(trx, prepared.snapshots);
          await ingestRepo.upsertDaily(trx, prepared.daily);
          await repo.insertIssues(
            trx,
            prepared.issues.map((issue) => ({
              workspace_id: workspaceId,
              import_id: importId,
              line: issue.line,
              field: issue.field,
              value: issue.value === null ? null : issue.value.slice(0, 200),
              reason: issue.reason,
            })),
          );
          await repo.insertImportPosts(
            trx,
            prepared.created.map((c) => ({ workspace_id: workspaceId, import_id: importId, ...c })),
          );
          const advanced = await repo.advanceImport(trx, workspaceId, importId, start, {
            rows_done: start + chunk.length,
            rows_total: Math.max(current.rows_total, dataRows.length),
            rows_imported: current.rows_imported + prepared.imported,
            rows_failed: current.rows_failed + prepared.issues.length,
            rows_skipped: current.rows_skipped + prepared.skipped,
            posts_matched: current.posts_matched + prepared.matched,
            posts_created: current.posts_created + prepared.created.length,
            updated_at: clock.now(),
          });
          if (!advanced) throw new ImportMovedOn();
        });
        row = (await repo.findImport(db.kysely, workspaceId, importId))!;
      }
      await db.kysely.transaction().execute(async (trx) => {
        await repo.updateImport(trx, workspaceId, importId, {
          status: 'completed',
          rows_total: dataRows.length,
          finished_at: clock.now(),
          updated_at: clock.now(),
        });
        // The rows are stored; the file is no longer needed.
        await repo.deleteParts(trx, workspaceId, importId);
      });
    } catch (error) {
      // Another runner holds the import now; what this one did was rolled back.
      if (error instanceof ImportMovedOn) return;
      if (attempt >= MAX_ATTEMPTS) {
        await fail(row, error instanceof Error ? error.message : String(error));
        return;
      }
      throw error;
    }
  }

  const runJob = defineJob({
    name: 'analytics.import.run',
    payload: z.object({ workspaceId: z.string(), importId: z.string() }),
    maxAttempts: MAX_ATTEMPTS,
    handle: (payload, ctx) => processImport(payload.workspaceId, payload.importId, ctx.attempt),
  });

  return {
    importJobs: [runJob],

    async listImports(scope: WorkspaceScope): Promise<{ items: MetricImport[] }> {
      const rows = await repo.listImports(db.kysely, scope.workspaceId, LIST_LIMIT);
      const visible = scope.channelIds
        ? rows.filter((r) => r.channel_id === null || scope.channelIds!.includes(r.channel_id))
        : rows;
      return { items: visible.map(present) };
    },

    async getImport(scope: WorkspaceScope, importId: string): Promise<MetricImport> {
      return present(await requireImport(scope, importId));
    },

    /** Stores an upload (or its first part) and, once whole, reads its header and suggests a mapping. */
    async createImport(
      scope: WorkspaceScope,
      body: CreateImportBody & { complete: boolean },
      actor: Actor,
    ): Promise<MetricImport> {
      const bytes = decodeBase64(body.data);
      if (bytes.length === 0) throw badInput('data', 'the file is empty');
      if (bytes.length > MAX_IMPORT_BYTES) throw badInput('data', 'the file is too large');
      let format: ImportFormat;
      try {
        format = detectFormat(body.fileName, bytes);
      } catch (error) {
        if (error instanceof ImportFileError) throw badInput('data', error.message);
        throw error;
      }
      const analysis = body.complete ? await analyzeOrRefuse(format, bytes, null) : null;
      const now = clock.now();
      const id = newId(now);
      await db.kysely.transaction().execute(async (trx) => {
        await repo.insertImport(trx, {
          workspace_id: scope.workspaceId,
          id,
          file_name: body.fileName,
          format,
          size: bytes.length,
          status: analysis ? 'uploaded' : 'uploading',
          kind: null,
          preset: null,
          channel_id: null,
          sheet: null,
          header_row: null,
          headers_json: '[]',
          sheets_json: '[]',
          detected_json: null,
          mapping_json: null,
          options_json: null,
          rows_total: 0,
          rows_done: 0,
          rows_imported: 0,
          rows_failed: 0,
          rows_skipped: 0,
          posts_matched: 0,
          posts_created: 0,
          error: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
          started_at: null,
          finished_at: null,
          undone_at: null,
          undone_by: null,
          ...(analysis ? analysisPatch(analysis) : {}),
        });
        await repo.insertPart(trx, scope.workspaceId, id, 0, body.data);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'analytics.import_upload',
          targetType: 'metric_import',
          targetId: id,
          after: { fileName: body.fileName, format, size: bytes.length },
        });
      });
      return this.getImport(scope, id);
    },

    /** Adds a part of a large upload; the last one (`complete`) has the whole file read. */
    async addImportPart(
      scope: WorkspaceScope,
      importId: string,
      body: ImportPartBody,
    ): Promise<MetricImport> {
      const row = await requireImport(scope, importId);
      if (row.status !== 'uploading') {
        throw new AppError('conflict', 'This upload is already complete');
      }
      const bytes = decodeBase64(body.data);
      const size = row.size + bytes.length;
      if (size > MAX_IMPORT_BYTES) throw badInput('data', 'the file is too large');
      await repo.insertPart(db.kysely, scope.workspaceId, importId, body.index, body.data);
      await repo.updateImport(db.kysely, scope.workspaceId, importId, {
        size,
        updated_at: clock.now(),
      });
      if (body.complete) {
        const file = await loadFile(scope.workspaceId, importId);
        const analysis = await analyzeOrRefuse(row.format as ImportFormat, file, null);
        await repo.updateImport(db.kysely, scope.workspaceId, importId, {
          ...analysisPatch(analysis),
          size: file.length,
          status: 'uploaded',
          updated_at: clock.now(),
        });
      }
      return this.getImport(scope, importId);
    },

    /** Reads the file again with another sheet or header row. */
    async analyzeImport(
      scope: WorkspaceScope,
      importId: string,
      body: { sheet?: string | undefined; headerRow?: number | undefined },
    ): Promise<MetricImport> {
      const row = await requireImport(scope, importId);
      if (row.status !== 'uploaded') {
        throw new AppError('conflict', 'Only an upload not yet imported can be read again');
      }
      const file = await loadFile(scope.workspaceId, importId);
      const analysis = await analyzeOrRefuse(
        row.format as ImportFormat,
        file,
        body.sheet ?? row.sheet,
        body.headerRow,
      );
      await repo.updateImport(db.kysely, scope.workspaceId, importId, {
        ...analysisPatch(analysis),
        updated_at: clock.now(),
      });
      return this.getImport(scope, importId);
    },

    /** The first rows as they would be imported with these options, and what is wrong with them. */
    async previewImport(
      scope: WorkspaceScope,
      importId: string,
      options: ImportOptions,
    ): Promise<ImportPreview> {
      const row = await requireImport(scope, importId);
      if (row.status === 'uploading') throw new AppError('conflict', 'The upload is not complete');
      const { channel, columns } = await checkOptions(scope, row, options);
      const stored = storedOptions(row, options);
      const draft: MetricImportRow = {
        ...row,
        kind: options.kind,
        channel_id: channel.id,
        mapping_json: JSON.stringify(columns),
      };
      let file;
      try {
        file = await readImportFile(
          row.format as ImportFormat,
          await loadFile(scope.workspaceId, importId),
          row.sheet,
        );
      } catch (error) {
        if (error instanceof ImportFileError) throw new AppError('conflict', error.message);
        throw error;
      }
      const { dataRows } = chooseHeader(file.rows, row.header_row ?? undefined);
      const rows = dataRows.slice(0, PREVIEW_ROWS);
      const ctx: ConvertContext = {
        columns,
        timezone: channel.timezone,
        asOf: stored.asOf,
        currency: stored.currency,
      };
      const index =
        options.kind === 'posts'
          ? createTargetIndex(
              await ingestRepo.listChannelTargets(db.kysely, scope.workspaceId, channel.id),
            )
          : null;
      const prepared = await prepareChunk(draft, rows, ctx, stored, index, true);
      const issues = new Map(prepared.issues.map((i) => [i.line, i]));
      return {
        rows: rows.map((sheetRow) => {
          const issue = issues.get(sheetRow.line);
          const values: Record<string, string | number | null> = {};
          const converted = prepared.converted.get(sheetRow.line);
          if (converted && options.kind === 'posts') {
            const post = converted as PostImportRow;
            values.title = post.title;
            values.external_id = post.externalId;
            values.url = post.url;
            values.published_at = toIso(post.publishedAt);
            values.observed_at = toIso(post.observedAt);
            for (const [field, value] of Object.entries(post.counts)) values[field] = value ?? null;
          } else if (converted) {
            const daily = converted as {
              day: string;
              values: { metric: string; dimension: string; value: number }[];
            };
            values.day = daily.day;
            for (const v of daily.values) {
              values[
                v.metric === 'follows_by_source' ? `follows_source_${v.dimension}` : v.metric
              ] = v.value;
            }
          }
          return {
            line: sheetRow.line,
            values,
            post: prepared.decided.get(sheetRow.line) ?? null,
            error: issue ? `${issue.field ? `${issue.field}: ` : ''}${issue.reason}` : null,
          };
        }),
      };
    },

    /** Starts the import job with the chosen kind, channel and columns. */
    async startImport(
      scope: WorkspaceScope,
      importId: string,
      options: ImportOptions,
      actor: Actor,
    ): Promise<MetricImport> {
      const row = await requireImport(scope, importId);
      if (row.status !== 'uploaded') {
        throw new AppError(
          'conflict',
          row.status === 'uploading' ? 'The upload is not complete' : 'This import has already run',
        );
      }
      const { channel, columns } = await checkOptions(scope, row, options);
      const stored = storedOptions(row, options);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const changed = await repo.updateImport(
          trx,
          scope.workspaceId,
          importId,
          {
            status: 'queued',
            kind: options.kind,
            preset: options.preset ?? null,
            channel_id: channel.id,
            mapping_json: JSON.stringify(columns),
            options_json: JSON.stringify(stored),
            updated_at: now,
          },
          ['uploaded'],
        );
        if (!changed) throw new AppError('conflict', 'This import has already run');
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'analytics.import_start',
          targetType: 'metric_import',
          targetId: importId,
          after: {
            fileName: row.file_name,
            kind: options.kind,
            preset: options.preset ?? null,
            channelId: channel.id,
            columns,
          },
        });
      });
      await deps.jobs.enqueue(
        runJob,
        { workspaceId: scope.workspaceId, importId },
        { workspaceId: scope.workspaceId, dedupeKey: `analytics-import:${importId}` },
      );
      return this.getImport(scope, importId);
    },

    async listImportIssues(
      scope: WorkspaceScope,
      importId: string,
      query: { cursor?: string | undefined; limit: number },
    ): Promise<ImportIssuePage> {
      await requireImport(scope, importId);
      const rows = await repo.listIssues(
        db.kysely,
        scope.workspaceId,
        importId,
        query.cursor ? Number(query.cursor) : 0,
        query.limit + 1,
      );
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({
          line: r.line,
          field: r.field,
          value: r.value,
          reason: r.reason,
        })),
        nextCursor: rows.length > query.limit ? String(page.at(-1)!.line) : null,
      };
    },

    /**
     * Removes exactly the rows the import wrote, puts back the values it replaced and removes
     * the posts it created. Imports that later replaced this one's numbers must be undone first.
     */
    async undoImport(scope: WorkspaceScope, importId: string, actor: Actor): Promise<MetricImport> {
      const row = await requireImport(scope, importId);
      if (row.status === 'undone') throw new AppError('conflict', 'This import is already undone');
      if (!['completed', 'failed'].includes(row.status)) {
        throw new AppError('conflict', 'Wait until the import has finished, then undo it');
      }
      const later = await repo.findLaterImports(db.kysely, scope.workspaceId, importId);
      if (later.length > 0) {
        throw new AppError(
          'conflict',
          `Undo ${later.map((l) => `"${l.file_name}"`).join(', ')} first: it replaced numbers this import wrote`,
        );
      }
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const changed = await repo.updateImport(
          trx,
          scope.workspaceId,
          importId,
          { status: 'undone', undone_at: now, undone_by: actor.userId, updated_at: now },
          ['completed', 'failed'],
        );
        if (!changed) throw new AppError('conflict', 'This import is already undone');
        const deleted = await repo.deleteImportedRows(trx, scope.workspaceId, importId);
        const snapshots: SnapshotWrite[] = [];
        const daily: DailyWrite[] = [];
        for (const prior of await repo.listPriors(trx, scope.workspaceId, importId)) {
          if (prior.row_key.startsWith('s|'))
            snapshots.push(JSON.parse(prior.prior_json) as SnapshotWrite);
          else daily.push(JSON.parse(prior.prior_json) as DailyWrite);
        }
        const restored = await repo.restoreRows(trx, snapshots, daily);
        const postsRemoved = await repo.deleteCreatedPosts(trx, scope.workspaceId, importId);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'analytics.import_undo',
          targetType: 'metric_import',
          targetId: importId,
          before: { status: row.status, rowsImported: row.rows_imported },
          after: {
            status: 'undone',
            rowsRemoved: deleted.snapshots + deleted.daily,
            rowsRestored: restored,
            postsRemoved,
          },
        });
      });
      return this.getImport(scope, importId);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
