/**
 * Moderation (内容审核): per-workspace word lists matched against evasion (spacing, symbols,
 * full-width, traditional characters, invisible characters), the review queue, and `screen`,
 * which other modules call for every text they take in. Other modules import only this file.
 */
export {
  createModerationService,
  type ModerationDecisionHook,
  type ModerationService,
  type ModerationServiceDeps,
  type ScreenInput,
} from './moderation.service.ts';
export { moderationRoutes } from './moderation.routes.ts';
export type { ModerationTables } from './moderation-tables.ts';
