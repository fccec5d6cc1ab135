import type { AnyRoute } from '../../http/route.ts';
import { cannedRoutes } from './canned.routes.ts';
import { csatRoutes } from './csat.routes.ts';
import { rulesRoutes } from './rules.routes.ts';
import { slaRoutes } from './sla.routes.ts';

/** Every route of inbox routing, SLA, canned replies and CSAT. */
export const routingRoutes: AnyRoute[] = [
  ...rulesRoutes,
  ...slaRoutes,
  ...cannedRoutes,
  ...csatRoutes,
];
