import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { ERROR_STATUS } from '../../shared/errors.ts';
import { VERSION } from '../version.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;

const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [string, ...string[]]),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** The OpenAPI 3.1 document, generated from the same route list that serves requests. */
export function buildOpenApi(routes: AnyRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', route.params],
      ['query', route.query],
    ] as const) {
      if (!schema) continue;
      const json = toSchema(schema as z.ZodType, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          schema: property,
        });
      }
    }
    const status = String(route.status ?? (route.response ? 200 : 204));
    const responses: Record<string, unknown> = {
      [status]: route.response
        ? {
            description: 'Success',
            content: {
              'application/json': { schema: toSchema(route.response as z.ZodType, 'output') },
            },
          }
        : { description: 'Success, no content' },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    };
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^\w]+(\w)/g, (_m, ch: string) => ch.toUpperCase())}`,
      parameters,
      responses,
      ...(route.access === 'public'
        ? { security: [] }
        : route.access === 'session'
          ? { security: [{ session: [] }] }
          : { 'x-permission': route.access }),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: toSchema(route.body as z.ZodType, 'input') },
              },
            },
          }
        : {}),
    };
    (paths[route.path] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpsLoop API',
      version: VERSION,
      description:
        'Workspace resources live under /api/v1/workspaces/{workspaceId}. Authenticate with a ' +
        'session cookie (mutations then need the X-CSRF-Token header) or with ' +
        '`Authorization: Bearer <API token>`. Each operation names the permission it needs in ' +
        'x-permission. Errors are {"error":{"code","message","fields"?}}.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'opsloop_session' },
      },
      schemas: { Error: toSchema(ErrorSchema, 'output') },
    },
    paths,
  };
}

/** Where swagger-ui-dist keeps its files; served locally because OpsLoop may run offline. */
export function swaggerAssetsDir(): string {
  const require = createRequire(import.meta.url);
  return path.relative(
    process.cwd(),
    path.dirname(require.resolve('swagger-ui-dist/package.json')),
  );
}

export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpsLoop API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true });
</script>
</body>
</html>`;
}
