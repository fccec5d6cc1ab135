import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { roleHasPermission } from '../../shared/permissions.ts';
import { pingDatabase } from '../db/database.ts';
import { AppError } from '../platform/app-error.ts';
import { safeEqual } from '../platform/crypto/crypto.ts';
import type { Services } from '../services.ts';
import { clientIp } from './client-ip.ts';
import { buildOpenApi, docsPage, swaggerAssetsDir } from './openapi.ts';
import type { Actor, AnyRoute, Principal, WorkspaceScope } from './route.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { parseInput } from './validation.ts';

export interface AppOptions {
  services: Services;
  routes: AnyRoute[];
  /** Folder of the built web app; the SPA is served from it when present. */
  webDir?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EMBEDDABLE_PATH = /^\/(f|b)\//;
const MEDIA_UPLOAD_PATH = /^\/api\/v1\/workspaces\/[^/]+\/media$/;

/** Builds the HTTP application: API routes, health check, OpenAPI, docs and the web app. */
export function createApp({ services, routes, webDir }: AppOptions): Hono {
  const { config, logger } = services;
  const app = new Hono();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  // The public feedback form and board are made to be embedded in a brand's own site.
  app.use(async (c, next) => {
    await next();
    if (EMBEDDABLE_PATH.test(c.req.path)) {
      c.res.headers.delete('X-Frame-Options');
      c.res.headers.set('Content-Security-Policy', 'frame-ancestors *');
    }
  });
  app.use(secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', `Request body is larger than ${maxSize} bytes`);
      },
    });
  const apiLimit = limitTo(config.bodyLimitBytes);
  // Media uploads are the one body that may be large; everything else stays small.
  const uploadLimit = limitTo(config.uploadLimitBytes);
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && MEDIA_UPLOAD_PATH.test(c.req.path)
      ? uploadLimit(c, next)
      : apiLimit(c, next),
  );

  app.onError((error, c) => errorResponse(c, error, services));

  app.get('/healthz', async (c) => {
    const ok = await pingDatabase(services.db);
    return ok ? c.json({ status: 'ok' }) : c.json({ status: 'unavailable' }, 503);
  });

  const openApi = buildOpenApi(routes);
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.get('/api/docs', (c) => c.html(docsPage()));
  app.use(
    '/api/docs/assets/*',
    serveStatic({
      root: swaggerAssetsDir(),
      rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, ''),
    }),
  );

  for (const route of routes) mountRoute(app, route, services);

  app.all('/api/*', (c) => {
    throw new AppError('not_found', `No API route ${c.req.method} ${c.req.path}`);
  });

  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), webDir) }));
    app.use('*', serveStatic({ root: path.relative(process.cwd(), webDir) }));
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) =>
      c.text('OpsLoop API is running. The web app is not built: run `npm run build`.', 200),
    );
  }
  return app;
}

function mountRoute(app: Hono, route: AnyRoute, services: Services): void {
  const honoPath = route.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(route.method.toUpperCase(), honoPath, async (c) => {
    const principal = await resolvePrincipal(c, services);
    if (principal?.kind === 'session' && MUTATING.has(c.req.method) && !route.skipCsrf) {
      const sent = c.req.header('x-csrf-token') ?? '';
      if (!safeEqual(sent, principal.csrfToken)) {
        throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header');
      }
    }

    const params = route.params ? parseInput(route.params, c.req.param(), 'path') : undefined;
    const scope = await authorize(route, principal, params, services);
    const query = route.query ? parseInput(route.query, singleValues(c), 'query') : undefined;
    const body = route.body ? parseInput(route.body, await readJson(c), 'body') : undefined;

    const result = await route.handler({
      params,
      query,
      body,
      principal,
      get user() {
        if (principal?.kind === 'token') {
          throw new AppError('forbidden', 'This route is for people signed in, not API tokens');
        }
        if (!principal) throw new AppError('unauthenticated', 'Sign in first');
        return principal;
      },
      get scope() {
        if (!scope) throw new Error(`Route ${route.path} has no workspace scope`);
        return scope;
      },
      actor: actorOf(c, principal, services),
      services,
      c,
    });
    // Routes that serve files build their own Response (content type, ranges, caching).
    if (result instanceof Response) return result;
    const status = route.status ?? (route.response ? 200 : 204);
    if (status === 204 || result === undefined) return c.body(null, 204);
    return c.json(result as object, status);
  });
}

async function authorize(
  route: AnyRoute,
  principal: Principal | null,
  params: unknown,
  services: Services,
): Promise<WorkspaceScope | null> {
  if (route.access === 'public') return null;
  if (!principal) throw new AppError('unauthenticated', 'Sign in or send a bearer token');
  if (route.access === 'session') {
    if (principal.kind !== 'session') {
      throw new AppError('forbidden', 'This route needs a signed-in person, not an API token');
    }
    return null;
  }
  const workspaceId = (params as { workspaceId?: string } | undefined)?.workspaceId;
  if (!workspaceId) throw new Error(`Route ${route.path} needs a {workspaceId} for its permission`);
  const scope = await resolveScope(principal, workspaceId, services);
  // Someone outside the workspace learns nothing about it, not even that it exists.
  if (!scope) throw AppError.notFound('Workspace');
  if (!roleHasPermission(scope.role, route.access)) {
    throw new AppError(
      'forbidden',
      `Your role (${scope.role}) lacks the permission ${route.access}`,
    );
  }
  return scope;
}

async function resolveScope(
  principal: Principal,
  workspaceId: string,
  services: Services,
): Promise<WorkspaceScope | null> {
  if (principal.kind === 'token') {
    if (principal.workspaceId !== workspaceId) return null;
    return { workspaceId, role: principal.role, channelIds: null };
  }
  const membership = await services.workspaces.findMembership(workspaceId, principal.userId);
  return membership ? { workspaceId, ...membership } : null;
}

async function resolvePrincipal(c: Context, services: Services): Promise<Principal | null> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match?.[1] ? await services.tokens.authenticate(match[1]) : null;
    if (!principal) throw new AppError('unauthenticated', 'Invalid, expired or revoked API token');
    return principal;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? services.auth.authenticateSession(cookie) : null;
}

function singleValues(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    const last = values.at(-1);
    if (last !== undefined) out[key] = last;
  }
  return out;
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('invalid_json', `Malformed JSON: ${(error as Error).message}`);
  }
}

function actorOf(c: Context, principal: Principal | null, services: Services): Actor {
  const base = { ip: clientIp(c, services.config.trustProxy), requestId: c.get('requestId') };
  if (principal?.kind === 'session') {
    return { ...base, userId: principal.userId, tokenId: null, label: principal.userName };
  }
  if (principal?.kind === 'token') {
    return {
      ...base,
      userId: null,
      tokenId: principal.tokenId,
      label: `token:${principal.tokenName}`,
    };
  }
  return { ...base, userId: null, tokenId: null, label: 'anonymous' };
}

function errorResponse(c: Context, error: unknown, services: Services): Response {
  if (error instanceof AppError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(error.toBody(), error.status as 400);
  }
  if (error instanceof HTTPException) {
    const code = error.status === 413 ? 'payload_too_large' : 'bad_request';
    return c.json({ error: { code, message: error.message || 'Bad request' } }, error.status);
  }
  services.logger.error({ err: error, requestId: c.get('requestId') }, 'unhandled error');
  return c.json(
    { error: { code: 'internal', message: 'Something went wrong on our side; it was logged.' } },
    500,
  );
}
