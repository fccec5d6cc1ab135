import type { Context } from 'hono';
import type { z } from 'zod';
import type { Permission, Role } from '../../shared/permissions.ts';
import type { Services } from '../services.ts';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * Who may call a route: anyone, any signed-in person (cookie session), or a member or token of
 * the workspace in the path holding the named permission.
 */
export type Access = 'public' | 'session' | Permission;

/** Who is calling, as resolved from the session cookie or the bearer token. */
export type Principal = SessionPrincipal | TokenPrincipal;

export interface SessionPrincipal {
  kind: 'session';
  userId: string;
  userName: string;
  sessionId: string;
  csrfToken: string;
}

export interface TokenPrincipal {
  kind: 'token';
  tokenId: string;
  tokenName: string;
  workspaceId: string;
  role: Role;
}

/** The workspace a workspace route runs in, and the caller's standing there. */
export interface WorkspaceScope {
  workspaceId: string;
  role: Role;
  channelIds: string[] | null;
}

/** Who did something, for the audit log. */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
  label: string;
  ip: string | null;
  requestId: string | null;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller, when any (public routes may be called anonymously). */
  principal: Principal | null;
  /** The signed-in person; on routes with access 'session'. Throws elsewhere when absent. */
  readonly user: SessionPrincipal;
  /** The workspace of a permission route and the caller's role there. */
  readonly scope: WorkspaceScope;
  actor: Actor;
  services: Services;
  /** The raw Hono context, for the few routes that set cookies or headers. */
  c: Context;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/api/v1/workspaces/{workspaceId}/tokens`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Login and setup run before a session exists, so they cannot carry its CSRF token. */
  skipCsrf?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /** Success status; 204 when the route has no response body. */
  status?: 200 | 201 | 202 | 204;
  handler(
    input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>,
  ): Promise<R extends z.ZodType ? z.input<R> : void>;
}

/** Declares a route; the identity function exists to infer the handler's types from the schemas. */
export function defineRoute<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

// Routes of every area are gathered into one list; their exact schema types no longer matter there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;
