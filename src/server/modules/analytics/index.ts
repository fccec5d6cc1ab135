/**
 * Analytics: stored metric history and what it teaches (best times so far). Other modules import
 * only this file.
 */
export { analyticsRoutes } from './analytics.routes.ts';
export {
  createAnalyticsService,
  engagementOf,
  snapshotFromMetrics,
  type AnalyticsService,
  type TargetMetrics,
} from './analytics.service.ts';
export { computeBestTimes, localSlot, suggestSlots } from './best-times.ts';
export { createMetricsJobs } from './metrics.jobs.ts';
