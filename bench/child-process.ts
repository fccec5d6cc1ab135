import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A benchmark worker process, driven by lines on its stdin and stdout. */
export interface BenchChild {
  send(line: string): void;
  line(pattern: RegExp): Promise<string>;
  /** Waits for the process to end, killing it if it has not ended within 10 s. */
  exit(): Promise<void>;
}

/**
 * Spawns a scenario file as its own worker process, passing `config` as JSON in the environment
 * variable `envName` (the file checks it under `import.meta.main`).
 */
export function spawnBenchChild<C extends { workerId: string }>(
  scriptUrl: string,
  envName: string,
  config: C,
): BenchChild {
  const child = spawn(process.execPath, [fileURLToPath(scriptUrl)], {
    env: { ...process.env, [envName]: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    send: (line) => child.stdin.write(`${line}\n`),
    async line(pattern) {
      for (;;) {
        const next = await lines.next();
        if (next.done) throw new Error(`bench worker ${config.workerId} ended before ${pattern}`);
        if (pattern.test(next.value)) return next.value;
      }
    },
    async exit() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      if (child.exitCode === null && child.signalCode === null) await exited;
      clearTimeout(timer);
    },
  };
}
