import type { z } from 'zod';
import type { Logger } from '../platform/logger.ts';
import type { BackoffOptions } from './backoff.ts';

/** What a handler knows about the run it is part of. */
export interface JobContext {
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  workspaceId: string | null;
  logger: Logger;
  /** Aborted when this worker lost the job's lease (another worker may now run it). */
  signal: AbortSignal;
}

/** A named job: its payload schema and its idempotent handler. Create one with `defineJob`. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Dotted name, e.g. `publishing.post.publish`; stored in the job row. */
  readonly name: string;
  readonly payload: S;
  /** Runs before the job is dead-lettered; defaults to the queue's default (5). */
  readonly maxAttempts: number | undefined;
  readonly backoff: BackoffOptions | undefined;
  // Method syntax on purpose: it lets a registry hold definitions of different payload types.
  handle(payload: z.output<S>, ctx: JobContext): Promise<void>;
}

export interface DefineJobInput<S extends z.ZodType> {
  name: string;
  payload: S;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  handle(payload: z.output<S>, ctx: JobContext): Promise<void> | void;
}

const JOB_NAME = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$/;

/** Declares a job. Handlers must be idempotent: a job may run again after a crash or lost lease. */
export function defineJob<S extends z.ZodType>(input: DefineJobInput<S>): JobDefinition<S> {
  if (!JOB_NAME.test(input.name)) {
    throw new Error(
      `Job name "${input.name}" must be dotted lower-case, e.g. "reports.daily.send"`,
    );
  }
  if (
    input.maxAttempts !== undefined &&
    !(Number.isInteger(input.maxAttempts) && input.maxAttempts >= 1)
  ) {
    throw new Error(`Job "${input.name}": maxAttempts must be a positive integer`);
  }
  const handle = input.handle;
  return {
    name: input.name,
    payload: input.payload,
    maxAttempts: input.maxAttempts,
    backoff: input.backoff,
    handle: async (payload, ctx) => {
      await handle(payload, ctx);
    },
  };
}

/** The jobs a worker can run, by name. */
export interface JobRegistry {
  get(name: string): JobDefinition | undefined;
  names(): string[];
}

/** Builds a registry; two definitions with one name are a programming error. */
export function createJobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const byName = new Map<string, JobDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice`);
    byName.set(definition.name, definition);
  }
  return {
    get: (name) => byName.get(name),
    names: () => [...byName.keys()].sort(),
  };
}
