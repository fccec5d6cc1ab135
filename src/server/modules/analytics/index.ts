/**
 * Analytics: stored metric history (collected, backfilled, sent by pipelines, imported from
 * platform exports), the KPI catalogue's numbers and what history teaches (best times). Other
 * modules import only this file.
 */
export { analyticsRoutes } from './analytics.routes.ts';
export {
  createAnalyticsService,
  type AnalyticsService,
  type TargetMetrics,
} from './analytics.service.ts';
export type { AnalyticsTables } from './analytics-tables.ts';
export { computeBestTimes, localSlot, suggestSlots } from './best-times.ts';
export type { ExternalPost, ImportPosts } from './ingest.service.ts';
export type { ResponseTimeSource } from './kpis.service.ts';
export { createMetricsJobs } from './metrics.jobs.ts';
export { engagementOf, snapshotFromMetrics } from './snapshots.ts';
