import {
  AcceptInvitationBodySchema,
  AcceptedInvitationSchema,
  CreatedInvitationSchema,
  CreateInvitationBodySchema,
  CreateWorkspaceBodySchema,
  InvitationListSchema,
  InvitationParamsSchema,
  InvitationPreviewSchema,
  InvitationTokenParamsSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  UpdateMemberBodySchema,
  UpdateWorkspaceBodySchema,
  WorkspaceListSchema,
  WorkspaceParamsSchema,
  WorkspaceSchema,
} from '../../../shared/api.ts';
import { clientIp } from '../../http/client-ip.ts';
import { defineRoute, type AnyRoute } from '../../http/route.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import { AppError } from '../app-error.ts';

const WS = '/api/v1/workspaces/{workspaceId}';

export const workspaceRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/workspaces',
    summary: 'Workspaces you belong to (a token sees its own)',
    tag: 'workspaces',
    access: 'session',
    response: WorkspaceListSchema,
    handler: async ({ user, services }) => ({
      items: await services.workspaces.listForUser(user.userId),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/workspaces',
    summary: 'Create a workspace; you become its owner',
    tag: 'workspaces',
    access: 'session',
    body: CreateWorkspaceBodySchema,
    response: WorkspaceSchema,
    status: 201,
    handler: ({ body, user, actor, services }) =>
      services.workspaces.create(user.userId, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: WS,
    summary: 'One workspace, with your role and permissions in it',
    tag: 'workspaces',
    access: 'workspace.read',
    params: WorkspaceParamsSchema,
    response: WorkspaceSchema,
    handler: ({ scope, services }) => services.workspaces.get(scope),
  }),
  defineRoute({
    method: 'patch',
    path: WS,
    summary: 'Rename a workspace or change its time zone',
    tag: 'workspaces',
    access: 'workspace.update',
    params: WorkspaceParamsSchema,
    body: UpdateWorkspaceBodySchema,
    response: WorkspaceSchema,
    handler: ({ scope, body, actor, services }) => services.workspaces.update(scope, body, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WS}/members`,
    summary: 'Members and their roles',
    tag: 'members',
    access: 'members.read',
    params: WorkspaceParamsSchema,
    response: MemberListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.workspaces.listMembers(scope),
    }),
  }),
  defineRoute({
    method: 'patch',
    path: `${WS}/members/{userId}`,
    summary: "Change a member's role or narrow them to some channels",
    tag: 'members',
    access: 'members.update',
    params: MemberParamsSchema,
    body: UpdateMemberBodySchema,
    response: MemberSchema,
    handler: ({ scope, params, body, actor, services }) =>
      services.workspaces.updateMember(scope, params.userId, body, actor),
  }),
  defineRoute({
    method: 'delete',
    path: `${WS}/members/{userId}`,
    summary: 'Remove a member (their API tokens are revoked)',
    tag: 'members',
    access: 'members.remove',
    params: MemberParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.workspaces.removeMember(scope, params.userId, actor),
  }),
  defineRoute({
    method: 'get',
    path: `${WS}/invitations`,
    summary: 'Invitations, pending and past',
    tag: 'members',
    access: 'members.read',
    params: WorkspaceParamsSchema,
    response: InvitationListSchema,
    handler: async ({ scope, services }) => ({
      items: await services.workspaces.listInvitations(scope),
    }),
  }),
  defineRoute({
    method: 'post',
    path: `${WS}/invitations`,
    summary: 'Create an invitation link with a role (the link is shown once)',
    tag: 'members',
    access: 'members.invite',
    params: WorkspaceParamsSchema,
    body: CreateInvitationBodySchema,
    response: CreatedInvitationSchema,
    status: 201,
    handler: ({ scope, body, actor, services, c }) =>
      services.workspaces.createInvitation(
        scope,
        body,
        actor,
        services.config.publicUrl ?? new URL(c.req.url).origin,
      ),
  }),
  defineRoute({
    method: 'delete',
    path: `${WS}/invitations/{invitationId}`,
    summary: 'Revoke an invitation',
    tag: 'members',
    access: 'members.invite',
    params: InvitationParamsSchema,
    handler: ({ scope, params, actor, services }) =>
      services.workspaces.revokeInvitation(scope, params.invitationId, actor),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/invitations/{token}',
    summary: 'What an invitation link offers (no sign-in needed)',
    tag: 'members',
    access: 'public',
    params: InvitationTokenParamsSchema,
    response: InvitationPreviewSchema,
    handler: ({ params, services }) => services.workspaces.previewInvitation(params.token),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/invitations/{token}/accept',
    summary: 'Join through an invitation; newcomers create their account in the same step',
    tag: 'members',
    access: 'public',
    params: InvitationTokenParamsSchema,
    body: AcceptInvitationBodySchema,
    response: AcceptedInvitationSchema,
    handler: async ({ params, body, principal, actor, services, c }) => {
      const result = await services.workspaces.acceptInvitation(params.token, principal, body, {
        ip: clientIp(c, services.config.trustProxy),
        userAgent: c.req.header('user-agent') ?? null,
        requestId: actor.requestId,
      });
      if (result.session) setSessionCookie(c, result.session.cookieValue, result.session.expiresAt);
      if (!result.csrfToken) throw new AppError('internal', 'No session after accepting');
      return { workspaceId: result.workspaceId, csrfToken: result.csrfToken };
    },
  }),
];
