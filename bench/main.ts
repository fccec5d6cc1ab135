// `npm run bench [scenario…]`: runs the named scenarios (all by default) and prints one JSON
// object per measurement, one per line.
import type { Scenario } from './scenario.ts';

// Loaded lazily so a scenario's imports cost nothing when it is not run.
const scenarios: Record<string, () => Promise<Scenario>> = {
  jobs: async () => (await import('./scenarios/jobs.bench.ts')).scenario,
  ingest: async () => (await import('./scenarios/ingest.bench.ts')).scenario,
  publish: async () => (await import('./scenarios/publish.bench.ts')).scenario,
  moderation: async () => (await import('./scenarios/moderation.bench.ts')).scenario,
  inbox: async () => (await import('./scenarios/inbox.bench.ts')).scenario,
  cluster: async () => (await import('./scenarios/cluster.bench.ts')).scenario,
  classify: async () => (await import('./scenarios/classify.bench.ts')).scenario,
};

async function main(argv: readonly string[]): Promise<number> {
  const names = argv.length > 0 ? argv : Object.keys(scenarios);
  const unknown = names.filter((name) => !(name in scenarios));
  if (unknown.length > 0) {
    process.stderr.write(
      `Unknown scenario(s): ${unknown.join(', ')}. Known: ${Object.keys(scenarios).join(', ')}\n`,
    );
    return 2;
  }
  for (const name of names) {
    const load = scenarios[name];
    if (!load) continue;
    const scenario = await load();
    for await (const result of scenario.run()) process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
