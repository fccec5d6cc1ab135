import { jobRoutes } from '../jobs/jobs.routes.ts';
import { analyticsRoutes } from '../modules/analytics/index.ts';
import { contentRoutes } from '../modules/content/index.ts';
import { feedbackRoutes } from '../modules/feedback/index.ts';
import { inboxRoutes } from '../modules/inbox/index.ts';
import { mediaRoutes } from '../modules/media/index.ts';
import { moderationRoutes } from '../modules/moderation/index.ts';
import { channelRoutes, postRoutes } from '../modules/publishing/index.ts';
import { routingRoutes } from '../modules/routing/index.ts';
import { sampleRoutes } from '../modules/sample/index.ts';
import { notificationRoutes } from '../platform/notifications/notifications.routes.ts';
import { auditRoutes } from '../platform/audit/audit.routes.ts';
import { authRoutes } from '../platform/auth/auth.routes.ts';
import { tokenRoutes } from '../platform/tokens/tokens.routes.ts';
import { workspaceRoutes } from '../platform/workspaces/workspaces.routes.ts';
import type { AnyRoute } from './route.ts';

/** Every API route of OpsLoop; modules add their list here. */
export const allRoutes: AnyRoute[] = [
  ...authRoutes,
  ...sampleRoutes,
  ...workspaceRoutes,
  ...tokenRoutes,
  ...auditRoutes,
  ...jobRoutes,
  ...notificationRoutes,
  ...channelRoutes,
  ...postRoutes,
  ...analyticsRoutes,
  ...contentRoutes,
  ...inboxRoutes,
  ...mediaRoutes,
  ...routingRoutes,
  ...moderationRoutes,
  ...feedbackRoutes,
];
