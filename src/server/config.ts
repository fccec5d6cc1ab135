import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Every setting is validated at boot and every problem is
 * reported at once, so a misconfigured deployment fails with one complete message.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  OPSLOOP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  OPSLOOP_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  OPSLOOP_PUBLIC_URL: z.url().optional(),
  OPSLOOP_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  OPSLOOP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  OPSLOOP_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1_048_576),
  OPSLOOP_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  OPSLOOP_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  OPSLOOP_JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
});

export type Role = 'api' | 'worker' | 'scheduler';
export const ALL_ROLES: readonly Role[] = ['api', 'worker', 'scheduler'];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqlitePath: string;
  secretKeyHex: string | undefined;
  /** Where people reach OpsLoop; when unset, links use the address the request came to. */
  publicUrl: string | undefined;
  logLevel: string;
  bodyLimitBytes: number;
  /** Largest media file a person may upload to the library. */
  uploadLimitBytes: number;
  trustProxy: boolean;
  workerConcurrency: number;
  /** How long a worker holds a job before another may take it over (renewed while it runs). */
  jobLeaseMs: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most tools (`DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.OPSLOOP_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sqlitePath: path.join(dataDir, 'opsloop.db'),
    secretKeyHex: e.OPSLOOP_SECRET_KEY,
    publicUrl: e.OPSLOOP_PUBLIC_URL?.replace(/\/$/, ''),
    logLevel: e.OPSLOOP_LOG_LEVEL,
    bodyLimitBytes: e.OPSLOOP_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.OPSLOOP_UPLOAD_LIMIT_BYTES,
    trustProxy: e.OPSLOOP_TRUST_PROXY === 'true',
    workerConcurrency: e.OPSLOOP_WORKER_CONCURRENCY,
    jobLeaseMs: e.OPSLOOP_JOB_LEASE_MS,
  };
}
