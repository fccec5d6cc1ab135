import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { createJobQueue, type JobQueue } from './jobs/index.ts';
import { createAuditService, type AuditService } from './platform/audit/audit.service.ts';
import { createAuthService, type AuthService } from './platform/auth/auth.service.ts';
import type { Clock } from './platform/clock.ts';
import type { Logger } from './platform/logger.ts';
import { createTokenService, type TokenService } from './platform/tokens/tokens.service.ts';
import {
  createWorkspaceService,
  type WorkspaceService,
} from './platform/workspaces/workspaces.service.ts';

/** Everything a route or job may use, built once per process from config and the database. */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
  audit: AuditService;
  auth: AuthService;
  workspaces: WorkspaceService;
  tokens: TokenService;
  jobs: JobQueue;
}

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secretKey: Buffer;
}

export function createServices(deps: ServiceDeps): Services {
  const { db, clock } = deps;
  const audit = createAuditService({ db, clock });
  const workspaces = createWorkspaceService({ db, clock, audit });
  return {
    ...deps,
    audit,
    workspaces,
    auth: createAuthService({ db, clock, audit, workspaces }),
    tokens: createTokenService({ db, clock, audit }),
    jobs: createJobQueue(db, clock),
  };
}
