import fs from 'node:fs';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { ALL_ROLES, type Config, type Role } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createApp } from './http/app.ts';
import { allRoutes } from './http/routes.ts';
import { startScheduler, startWorker } from './jobs/index.ts';
import { jobCatalog } from './job-catalog.ts';
import { systemClock } from './platform/clock.ts';
import { loadSecretKey } from './platform/crypto/crypto.ts';
import { newId } from './platform/ids.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createServices, type Services } from './services.ts';

export interface RunningServer {
  services: Services;
  /** The bound HTTP address when the api role runs. */
  url: string | null;
  stop(): Promise<void>;
}

/** The folder of the built web app, next to the source tree. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web');

/** Opens the database named by config and brings it to the latest schema. */
export async function openMigratedDatabase(config: Config): Promise<Db> {
  const db = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await migrateToLatest(db);
  return db;
}

/** Starts the roles this process plays: the HTTP API, a job worker and the cron scheduler. */
export async function startServer(
  config: Config,
  roles: readonly Role[] = ALL_ROLES,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db = await openMigratedDatabase(config);
  const secretKey = loadSecretKey(config.secretKeyHex, config.dataDir);
  const services = createServices({ config, db, clock: systemClock, logger, secretKey });
  const catalog = jobCatalog(services);
  const stoppers: (() => Promise<void>)[] = [];
  let url: string | null = null;

  if (roles.includes('worker')) {
    const worker = startWorker({
      db,
      clock: systemClock,
      logger,
      registry: catalog.registry,
      workerId: `worker-${process.pid}-${newId()}`,
      concurrency: config.workerConcurrency,
      leaseMs: config.jobLeaseMs,
    });
    stoppers.push(() => worker.stop());
  }
  if (roles.includes('scheduler')) {
    const scheduler = startScheduler({
      db,
      clock: systemClock,
      logger,
      registry: catalog.registry,
      entries: catalog.crons,
    });
    stoppers.push(() => scheduler.stop());
  }
  if (roles.includes('api')) {
    const app = createApp({ services, routes: allRoutes, webDir: WEB_DIST });
    const server = await listen(app.fetch, config);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host}:${port}`;
    writePidFile(config, db);
    stoppers.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would otherwise hold the close open.
          (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
        }),
    );
    logger.info({ url, database: db.dialect, location: db.location, roles }, 'OpsLoop is serving');
  }

  return {
    services,
    url,
    async stop() {
      for (const stop of stoppers) await stop();
      removePidFile(config, db);
      await db.close();
    },
  };
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () =>
      resolve(server),
    );
    server.once('error', reject);
  });
}

/** `opsloop restore` refuses to overwrite a database a running server holds open. */
export function pidFilePath(config: Config): string {
  return path.join(config.dataDir, 'opsloop.pid');
}

function writePidFile(config: Config, db: Db): void {
  if (db.dialect !== 'sqlite') return;
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(pidFilePath(config), String(process.pid));
}

function removePidFile(config: Config, db: Db): void {
  if (db.dialect !== 'sqlite') return;
  try {
    if (fs.readFileSync(pidFilePath(config), 'utf8') === String(process.pid)) {
      fs.rmSync(pidFilePath(config));
    }
  } catch {
    // already gone
  }
}
