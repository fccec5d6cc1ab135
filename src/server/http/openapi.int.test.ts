import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { allRoutes } from './routes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('API description', () => {
  it('lists every route with its permission and schemas', async () => {
    const res = await t
      .client()
      .get<{ openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> }>(
        '/api/openapi.json',
      );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of allRoutes) {
      const operation = res.body.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      if (route.access !== 'public' && route.access !== 'session') {
        expect(operation?.['x-permission']).toBe(route.access);
      }
      if (route.body) expect(operation?.requestBody).toBeDefined();
    }
    const setup = res.body.paths['/api/v1/setup']?.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(setup.requestBody.content['application/json'].schema.required).toContain('email');
  });

  it('serves a browsable page and the health check', async () => {
    const docs = await t.client().get<string>('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('/api/openapi.json');
    const css = await t.app.request('/api/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    const health = await t.client().get('/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
