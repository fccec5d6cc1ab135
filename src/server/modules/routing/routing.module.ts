import type { Db } from '../../db/database.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import { createCannedService } from './canned.service.ts';
import { createCsatService } from './csat.service.ts';
import { createEscalation } from './escalation.ts';
import { createInboxRef, type InboxPort } from './inbox-port.ts';
import { createRoutingJobs } from './routing.jobs.ts';
import { createRulesService } from './rules.service.ts';
import { createSlaService } from './sla.service.ts';
import { createTeamsService } from './teams.service.ts';

export interface RoutingDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  notifications: NotificationService;
  jobs: JobQueue;
  secretKey: Buffer;
  /** Where people reach OpsLoop; CSAT survey links start with it. */
  publicUrl: string;
}

/**
 * Inbox routing as one unit: rules, teams, SLA, canned replies, CSAT and their jobs. The inbox
 * is connected afterwards (`connectInbox`), because each needs the other: the inbox calls
 * `onMessagesIngested` / `onConversationsUpdated`, routing reads and changes conversations
 * through the port.
 */
export function createRouting(deps: RoutingDeps) {
  const { db, clock, logger, audit, notifications } = deps;
  const inbox = createInboxRef();
  const teams = createTeamsService({ db, clock, audit, inbox });
  const canned = createCannedService({ db, clock, audit, inbox });
  const escalation = createEscalation({ teams, notifications, inbox });
  const rules = createRulesService({ db, clock, audit, logger, inbox, teams, canned, escalation });
  const sla = createSlaService({ db, clock, audit, inbox, escalation });
  const csat = createCsatService({
    db,
    clock,
    audit,
    inbox,
    secretKey: deps.secretKey,
    publicUrl: deps.publicUrl,
  });
  const jobs = createRoutingJobs({ clock, jobs: deps.jobs, rules, sla, canned, csat });
  return {
    teams,
    canned,
    rules,
    sla,
    csat,
    jobs: jobs.jobs,
    crons: jobs.crons,
    onMessagesIngested: jobs.onMessagesIngested,
    onConversationsUpdated: jobs.onConversationsUpdated,
    /** Lets routing read and change conversations; called once both services exist. */
    connectInbox(port: InboxPort): void {
      inbox.current = port;
      inbox.connected = true;
    },
    get inboxConnected(): boolean {
      return inbox.connected;
    },
  };
}

export type RoutingService = ReturnType<typeof createRouting>;
