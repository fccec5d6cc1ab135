import type { z } from 'zod';
import { AppError } from '../platform/app-error.ts';

/** Turns zod issues into `{ "field.path": "what is wrong" }`, naming unknown fields one by one. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] = 'unknown field';
      continue;
    }
    fields[base || '(root)'] ??= issue.message;
  }
  return fields;
}

/** Parses input with a schema or throws a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = issuesToFields(result.error.issues);
  const names = Object.keys(fields);
  throw new AppError('validation_failed', `Invalid ${where}: ${names.slice(0, 5).join(', ')}`, {
    fields,
  });
}
