/**
 * Media library (素材库): uploads stored in the data folder, license terms with expiry alerts,
 * media attached to channel versions of posts and the files delivery sends. Other modules import
 * only this file.
 */
export {
  createMediaService,
  type MediaService,
  type MediaServiceDeps,
  type TargetMediaCheck,
} from './media.service.ts';
export { createMediaJobs, type MediaJobs } from './media.jobs.ts';
export { mediaRoutes } from './media.routes.ts';
export { checkMediaForChannel, type MediaForCheck } from './media-limits.ts';
export { sniffMedia, type SniffedMedia } from './media-sniff.ts';
export type { MediaTables } from './media-tables.ts';
