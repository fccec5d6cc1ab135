import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  RoleTableSchema,
  SessionSchema,
  SetupBodySchema,
  SetupStatusSchema,
  UpdateProfileBodySchema,
  UserSchema,
} from '../../../shared/api.ts';
import { PERMISSIONS, ROLES, ROLE_PERMISSIONS } from '../../../shared/permissions.ts';
import { clientIp } from '../../http/client-ip.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import type { Context } from 'hono';
import type { Services } from '../../services.ts';

function meta(c: Context, services: Services) {
  return {
    ip: clientIp(c, services.config.trustProxy),
    userAgent: c.req.header('user-agent') ?? null,
  };
}

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/setup',
    summary: 'Whether this installation still needs its first owner',
    tag: 'auth',
    access: 'public',
    response: SetupStatusSchema,
    handler: ({ services }) => services.auth.setupStatus(),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/setup',
    summary: 'Create the owner account and first workspace (only while no user exists)',
    tag: 'auth',
    access: 'public',
    skipCsrf: true,
    body: SetupBodySchema,
    response: SessionSchema,
    status: 201,
    handler: async ({ body, services, c, actor }) => {
      const { session, opened } = await services.auth.setup(
        body,
        meta(c, services),
        actor.requestId,
      );
      setSessionCookie(c, opened.cookieValue, opened.expiresAt);
      return session;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password (sets the session cookie)',
    tag: 'auth',
    access: 'public',
    skipCsrf: true,
    body: LoginBodySchema,
    response: SessionSchema,
    handler: async ({ body, services, c }) => {
      const { session, opened } = await services.auth.login(body, meta(c, services));
      setSessionCookie(c, opened.cookieValue, opened.expiresAt);
      return session;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Sign out of this session',
    tag: 'auth',
    access: 'session',
    handler: async ({ principal, services, c }) => {
      await services.auth.logout(principal);
      clearSessionCookie(c);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auth/session',
    summary: 'The signed-in person, their CSRF token and workspaces',
    tag: 'auth',
    access: 'session',
    response: SessionSchema,
    handler: ({ principal, services }) => services.auth.getSession(principal),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change your password (signs out your other sessions)',
    tag: 'auth',
    access: 'session',
    body: ChangePasswordBodySchema,
    handler: ({ user, body, actor, services }) => services.auth.changePassword(user, body, actor),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/me',
    summary: 'Update your name or language',
    tag: 'auth',
    access: 'session',
    body: UpdateProfileBodySchema,
    response: UserSchema,
    handler: ({ user, body, services }) => services.auth.updateProfile(user, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/roles',
    summary: 'Every role and the permissions it holds',
    tag: 'auth',
    access: 'public',
    response: RoleTableSchema,
    handler: () =>
      Promise.resolve({
        permissions: [...PERMISSIONS],
        roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      }),
  }),
];
