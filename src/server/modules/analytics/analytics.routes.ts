import { WorkspaceParamsSchema } from '../../../shared/api.ts';
import { z } from 'zod';
import {
  AnalyzeImportBodySchema,
  BackfillListSchema,
  BackfillSchema,
  CreateImportBodySchema,
  IMPORT_KINDS,
  IMPORT_PRESETS,
  ImportIssuePageSchema,
  ImportIssueQuerySchema,
  ImportOptionsSchema,
  ImportParamsSchema,
  ImportPartBodySchema,
  ImportPreviewSchema,
  KpiQuerySchema,
  KpiReportSchema,
  MetricBatchBodySchema,
  MetricBatchResultSchema,
  MetricImportListSchema,
  MetricImportSchema,
  PLATFORMS_WITH_PRESETS,
} from '../../../shared/analytics.ts';
import { BestTimesSchema, ChannelParamsSchema } from '../../../shared/publishing.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';

const WORKSPACE = '/api/v1/workspaces/{workspaceId}';
const IMPORTS = `${WORKSPACE}/analytics/imports`;

const PresetListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      platform: z.enum(PLATFORMS_WITH_PRESETS),
      kind: z.enum(IMPORT_KINDS),
      exportPath: z.string(),
      columns: z.record(z.string(), z.array(z.string())),
      ignored: z.array(z.string()),
    }),
  ),
});

export const analyticsRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: `${WORKSPACE}/channels/{channelId}/best-times`,
    summary: "Best posting times learned from the channel's own engagement history",
    tag: 'analytics',
    access: 'posts.read',
    params: ChannelParamsSchema,
    response: BestTimesSchema,
    handler: ({ scope, params, services }) => services.analytics.bestTimes(scope, params.channelId),
  }),
  defineRoute({
    method: 'post',
    path: `${WORKSPACE}/metrics`,
    summary:
      'Store a batch of post snapshots and daily channel numbers from an external pipeline; sending it again changes nothing',
    tag: 'analytics',
    access: 'analytics.import',
    params: WorkspaceParamsSchema,
    body: MetricBatchBodySchema,
    response: MetricBatchResultSchema,
    handler: ({ scope, body, actor, services }) =>
      services.analytics.ingestBatch(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WORKSPACE}/analytics/kpis`,
    summary: 'KPI catalogue values for a period and the period before it, from summed raw counts',
    tag: 'analytics',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    query: KpiQuerySchema,
    response: KpiReportSchema,
    handler: ({ scope, query, services }) => services.analytics.kpiReport(scope, query),
  }),

  defineRoute({
    method: 'get',
    path: `${WORKSPACE}/analytics/import-presets`,
    summary: 'Column presets for platform exports (公众号, 抖音, 小红书, B站, 微博)',
    tag: 'analytics',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    response: PresetListSchema,
    handler: () =>
      Promise.resolve({
        items: IMPORT_PRESETS.map((p) => ({
          ...p,
          columns: p.columns as Record<string, string[]>,
          ignored: [...p.ignored],
        })),
      }),
  }),
  defineRoute({
    method: 'get',
    path: IMPORTS,
    summary: 'Imports of platform exports, newest first',
    tag: 'analytics',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    response: MetricImportListSchema,
    handler: ({ scope, services }) => services.analytics.listImports(scope),
  }),
  defineRoute({
    method: 'post',
    path: IMPORTS,
    summary:
      'Upload a CSV or XLSX export (base64; large files in parts); the header, preset and columns are detected',
    tag: 'analytics',
    access: 'analytics.import',
    params: WorkspaceParamsSchema,
    body: CreateImportBodySchema,
    response: MetricImportSchema,
    status: 201,
    handler: ({ scope, body, actor, services }) =>
      services.analytics.createImport(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${IMPORTS}/{importId}`,
    summary: 'One import: detection, mapping, progress and outcome',
    tag: 'analytics',
    access: 'posts.read',
    params: ImportParamsSchema,
    response: MetricImportSchema,
    handler: ({ scope, params, services }) => services.analytics.getImport(scope, params.importId),
  }),
  defineRoute({
    method: 'post',
    path: `${IMPORTS}/{importId}/parts`,
    summary: 'Add the next part of a large upload',
    tag: 'analytics',
    access: 'analytics.import',
    params: ImportParamsSchema,
    body: ImportPartBodySchema,
    response: MetricImportSchema,
    handler: ({ scope, params, body, services }) =>
      services.analytics.addImportPart(scope, params.importId, body),
  }),
  defineRoute({
    method: 'post',
    path: `${IMPORTS}/{importId}/analyze`,
    summary: 'Read the upload again with another sheet or header row',
    tag: 'analytics',
    access: 'analytics.import',
    params: ImportParamsSchema,
    body: AnalyzeImportBodySchema,
    response: MetricImportSchema,
    handler: ({ scope, params, body, services }) =>
      services.analytics.analyzeImport(scope, params.importId, body),
  }),
  defineRoute({
    method: 'post',
    path: `${IMPORTS}/{importId}/preview`,
    summary: 'The first rows as they would be imported, with what is wrong with each',
    tag: 'analytics',
    access: 'analytics.import',
    params: ImportParamsSchema,
    body: ImportOptionsSchema,
    response: ImportPreviewSchema,
    handler: ({ scope, params, body, services }) =>
      services.analytics.previewImport(scope, params.importId, body),
  }),
  defineRoute({
    method: 'post',
    path: `${IMPORTS}/{importId}/start`,
    summary: 'Import the rows in the background with the chosen channel and columns',
    tag: 'analytics',
    access: 'analytics.import',
    params: ImportParamsSchema,
    body: ImportOptionsSchema,
    response: MetricImportSchema,
    status: 202,
    handler: ({ scope, params, body, actor, services }) =>
      services.analytics.startImport(scope, params.importId, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${IMPORTS}/{importId}/issues`,
    summary: 'Every bad row of an import: its line in the file and why it was left out',
    tag: 'analytics',
    access: 'posts.read',
    params: ImportParamsSchema,
    query: ImportIssueQuerySchema,
    response: ImportIssuePageSchema,
    handler: ({ scope, params, query, services }) =>
      services.analytics.listImportIssues(scope, params.importId, query),
  }),
  defineRoute({
    method: 'post',
    path: `${IMPORTS}/{importId}/undo`,
    summary:
      'Remove exactly what an import wrote, restore the values it replaced and the posts it created',
    tag: 'analytics',
    access: 'analytics.import',
    params: ImportParamsSchema,
    response: MetricImportSchema,
    handler: ({ scope, params, actor, services }) =>
      services.analytics.undoImport(scope, params.importId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WORKSPACE}/analytics/backfills`,
    summary: "Channels' history backfills and what each found",
    tag: 'analytics',
    access: 'posts.read',
    params: WorkspaceParamsSchema,
    response: BackfillListSchema,
    handler: ({ scope, services }) => services.analytics.listBackfills(scope),
  }),
  defineRoute({
    method: 'post',
    path: `${WORKSPACE}/channels/{channelId}/backfill`,
    summary: "Fetch a channel's history again: earlier posts, a snapshot of each, followers by day",
    tag: 'analytics',
    access: 'analytics.import',
    params: ChannelParamsSchema,
    response: BackfillSchema,
    status: 202,
    handler: ({ scope, params, actor, services }) =>
      services.analytics.requestBackfill(scope, params.channelId, actor),
  }),
];
