import { jobCatalog } from '../src/server/job-catalog.ts';
import { startWorker } from '../src/server/jobs/index.ts';
import { silentLogger } from '../src/server/platform/logger.ts';
import type { Services } from '../src/server/services.ts';

/**
 * Runs a real worker until no job is due at the services' clock (a fake clock stays put, so
 * retries with backoff wait until the test advances it).
 */
export async function runDueJobs(services: Services, timeoutMs = 10_000): Promise<void> {
  const { registry } = jobCatalog(services);
  const worker = startWorker({
    db: services.db,
    clock: services.clock,
    logger: silentLogger(),
    registry,
    workerId: `test-${Math.random().toString(36).slice(2)}`,
    concurrency: 8,
    pollIntervalMs: 5,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const busy = await services.db.kysely
        .selectFrom('job')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('status', '=', 'running'),
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', services.clock.now())]),
          ]),
        )
        .limit(1)
        .execute();
      if (busy.length === 0) return;
      if (Date.now() > deadline) throw new Error('jobs still due after the timeout');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await worker.stop();
  }
}
