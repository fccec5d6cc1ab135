import { ApiError } from '../api/client.ts';

/**
 * Reads the per-field messages of a failed request so each input can show its own. Nested
 * server paths (`invitation.email`) also match their last segment, since forms are flat.
 */
export function fieldErrors(error: unknown): (field: string) => string | undefined {
  const fields = error instanceof ApiError ? error.fields : {};
  return (field) => {
    const direct = fields[field];
    if (direct) return direct;
    const nested = Object.keys(fields).find((path) => path.endsWith(`.${field}`));
    return nested ? fields[nested] : undefined;
  };
}

/** The message for the whole form: shown unless every problem is attached to a field. */
export function formError(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof ApiError && Object.keys(error.fields).length > 0) return null;
  return error instanceof Error ? error.message : String(error);
}
