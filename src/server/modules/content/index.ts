/**
 * Content library: topics (主题矩阵), series, content items in hit/regular/reserve pools with
 * weekly quotas, the hot-topic fast lane and the originality check. Other modules import only
 * this file.
 */
export {
  createContentService,
  HOT_LANE_MS,
  type ContentService,
  type ContentServiceDeps,
} from './content.service.ts';
export { contentRoutes } from './content.routes.ts';
export type { ContentTables } from './content-tables.ts';
export { findNearDuplicates } from './originality.ts';
