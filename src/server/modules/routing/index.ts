/**
 * Inbox routing (多层级响应: automatic reply / agent / expert): routing rules with a dry run,
 * teams with tiers and round-robin assignment, SLA policies with business hours, timers and
 * escalation, the canned-reply library (话术库) and CSAT surveys. Other modules import only
 * this file.
 */
export { createRouting, type RoutingDeps, type RoutingService } from './routing.module.ts';
export { routingRoutes } from './routing.routes.ts';
export type { RoutingTables } from './routing-tables.ts';
export type {
  ConversationChanges,
  InboxConversationFacts,
  InboxMessageFacts,
  InboxPort,
} from './inbox-port.ts';
export { addBusinessMinutes, toCalendar, type BusinessCalendar } from './business-time.ts';
