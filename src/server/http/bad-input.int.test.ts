import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Workspace } from '../../shared/api.ts';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.ts';
import { addMember, setUpOwner } from '../../../test/factories.ts';
import { roleHasPermission, type Permission } from '../../shared/permissions.ts';
import { allRoutes } from './routes.ts';
import type { AnyRoute } from './route.ts';

// Every route, whatever it does, answers bad input with a 4xx that names the problem.
let t: TestApp;
let owner: TestClient;
let viewer: TestClient;
let outsider: TestClient;
let workspaceId: string;
let otherWorkspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ owner, workspaceId } = await setUpOwner(t));
  viewer = (await addMember(t, owner, workspaceId, 'viewer')).client;
  outsider = (await addMember(t, owner, workspaceId, 'admin')).client;
  otherWorkspaceId = (await owner.post<Workspace>('/api/v1/workspaces', { name: 'Other' })).body.id;
});
afterAll(async () => {
  await t.close();
});

function urlOf(route: AnyRoute, workspace: string, unknownIds = false): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'workspaceId') return workspace;
    if (name === 'token') return 'unknown-invitation-token-0000';
    return unknownIds ? '01ZZZZZZZZZZZZZZZZZZZZZZZZ' : 'x';
  });
}

const method = (route: AnyRoute) => route.method.toUpperCase();
const emptyBody = (route: AnyRoute) => (route.method === 'get' ? {} : { body: {} });
const permissionRoutes = allRoutes.filter((r) => r.access !== 'public' && r.access !== 'session');
const bodyRoutes = allRoutes.filter((r) => r.body && r.path !== '/api/v1/auth/logout');

describe.each(allRoutes.map((r) => [`${method(r)} ${r.path}`, r] as const))(
  '%s',
  (_name, route) => {
    it('never answers 5xx to a bare anonymous call', async () => {
      const res = await t.client().request(method(route), urlOf(route, workspaceId, true));
      expect(res.status).toBeLessThan(500);
    });

    if (route.access !== 'public') {
      it('answers 401 without credentials', async () => {
        const res = await t
          .client()
          .request(method(route), urlOf(route, workspaceId), emptyBody(route));
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
      });
    }

    if (permissionRoutes.includes(route)) {
      it("answers 404 for a workspace the caller isn't in", async () => {
        const res = await outsider.request(
          method(route),
          urlOf(route, otherWorkspaceId),
          emptyBody(route),
        );
        expect(res.status).toBe(404);
      });

      if (!roleHasPermission('viewer', route.access as Permission)) {
        it('answers 403 when the role lacks the permission', async () => {
          const res = await viewer.request(
            method(route),
            urlOf(route, workspaceId, true),
            emptyBody(route),
          );
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
        });
      }

      // Routes whose body needs fields answer 400 for an empty body before looking anything up.
      const emptyBodyIsValid = !route.body || (route.body as z.ZodType).safeParse({}).success;
      if (
        /\{(?!workspaceId)\w+\}/.test(route.path) &&
        route.method !== 'patch' &&
        emptyBodyIsValid
      ) {
        it('answers 404 for an unknown id', async () => {
          const res = await owner.request(method(route), urlOf(route, workspaceId, true));
          expect(res.status).toBe(404);
        });
      }
    }

    if (bodyRoutes.includes(route)) {
      const call = (options: { raw?: string; body?: unknown; headers?: Record<string, string> }) =>
        owner.request(method(route), urlOf(route, workspaceId, true), options);

      it('answers 400 invalid_json for malformed JSON', async () => {
        const res = await call({ raw: '{"name": "unterminated' });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ error: { code: 'invalid_json' } });
      });

      it('answers 400 naming an unknown field', async () => {
        const res = await call({ body: { surpriseField: true } });
        expect(res.status).toBe(400);
        // A body chosen by a discriminator ("platform") first names the missing discriminator.
        const expected =
          route.body instanceof z.ZodDiscriminatedUnion
            ? { platform: expect.any(String) }
            : { surpriseField: 'unknown field' };
        expect(res.body).toMatchObject({ error: { fields: expected } });
      });

      it('answers 400 for wrong types', async () => {
        for (const body of [
          [1, 2],
          'text',
          42,
          { name: 7, email: [], role: {}, password: false },
        ]) {
          const res = await call({ body });
          expect(res.status, JSON.stringify(body)).toBe(400);
          expect(res.body).toMatchObject({ error: { code: 'validation_failed' } });
        }
      });

      it('answers 413 for an oversized body', async () => {
        const res = await call({ raw: JSON.stringify({ name: 'x'.repeat(70_000) }) });
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
      });

      it('answers 415 for a body that is not JSON', async () => {
        const res = await call({
          raw: 'name=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(res.status).toBe(415);
      });

      it('never answers 5xx to odd values', async () => {
        const odd = [null, -1, 1e308, '', '\u0000', '😀'.repeat(300), { $ne: 1 }, [[[]]], true];
        for (const value of odd) {
          const fields = Object.fromEntries(
            [
              'name',
              'email',
              'password',
              'role',
              'timezone',
              'workspaceName',
              'expiresInDays',
              'locale',
            ].map((field) => [field, value]),
          );
          const res = await call({ body: fields });
          expect(res.status, JSON.stringify(value)).toBeGreaterThanOrEqual(400);
          expect(res.status, JSON.stringify(value)).toBeLessThan(500);
        }
      });
    }
  },
);

describe('unknown paths and methods', () => {
  it('answers JSON 404 for an unknown API path', async () => {
    const res = await owner.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found' } });
  });
});
