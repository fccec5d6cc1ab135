import type { ErrorBody, ErrorCode } from '../../shared/errors.ts';

/** An error response from the API, or a network failure reported the same way. */
export class ApiError extends Error {
  readonly code: ErrorCode | 'network';
  readonly status: number;
  readonly fields: Record<string, string>;
  /** Seconds to wait, from Retry-After on 429 responses. */
  retryAfter: number | null = null;

  constructor(
    code: ErrorCode | 'network',
    message: string,
    status: number,
    fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Public pages probe the session and must not bounce to /login when signed out. */
  redirectOn401?: boolean;
}

// The CSRF token lives only in memory: it arrives with every Session and is never persisted.
let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {
  window.location.assign('/login');
};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the router take over the redirect so the app does not reload. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function buildUrl(path: string, query: ApiRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parseError(response: Response): Promise<ApiError> {
  const error = await parseErrorBody(response);
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) error.retryAfter = retryAfter;
  return error;
}

async function parseErrorBody(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Proxies and crashed servers answer with HTML; fall through to a generic message.
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    return new ApiError(error.code, error.message, response.status, error.fields ?? {});
  }
  return new ApiError(
    response.status >= 500 ? 'internal' : 'bad_request',
    `${response.status} ${response.statusText || 'Request failed'}`,
    response.status,
  );
}

/** Calls the OpsLoop API with the session cookie; throws ApiError on any failure. */
export async function apiFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, request.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (cause) {
    throw new ApiError('network', cause instanceof Error ? cause.message : 'Network error', 0);
  }

  if (!response.ok) {
    const error = await parseError(response);
    if (error.code === 'unauthenticated' && request.redirectOn401 !== false) {
      csrfToken = null;
      onUnauthenticated();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
