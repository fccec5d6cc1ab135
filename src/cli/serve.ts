import type { Config, Role } from '../server/config.ts';
import { startServer } from '../server/main.ts';

/** Runs until SIGINT/SIGTERM, then finishes running work and closes the database. */
export async function runServe(config: Config, roles: Role[]): Promise<void> {
  const server = await startServer(config, roles);
  if (server.url) console.log(`OpsLoop is running at ${server.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.services.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.services.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
