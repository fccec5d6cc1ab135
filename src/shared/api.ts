import { z } from 'zod';
import { PERMISSIONS, ROLES } from './permissions.ts';

/**
 * Request and response shapes of the REST API, shared by the server (validation, OpenAPI) and
 * the web app (typed client). Request bodies are strict: unknown fields are rejected.
 * Timestamps travel as ISO 8601 strings.
 */

const isoDate = z.iso.datetime();
export const IdSchema = z.string().min(1).max(64);
export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(10, 'at least 10 characters').max(200);
const displayName = z.string().trim().min(1).max(100);
const timezone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');
export const LocaleSchema = z.enum(['en', 'zh-CN']);

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: LocaleSchema.nullable(),
  createdAt: isoDate,
});
export type User = z.infer<typeof UserSchema>;

export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  createdAt: isoDate,
  role: RoleSchema,
  permissions: z.array(PermissionSchema),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

// ── setup and sessions ────────────────────────────────────────────────────────
export const SetupStatusSchema = z.object({ needsSetup: z.boolean(), version: z.string() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupBodySchema = z.strictObject({
  name: displayName,
  email,
  password,
  workspaceName: displayName,
  timezone: timezone.optional(),
  locale: LocaleSchema.optional(),
});
export type SetupBody = z.input<typeof SetupBodySchema>;

export const LoginBodySchema = z.strictObject({
  email,
  password: z.string().min(1).max(200),
});
export type LoginBody = z.input<typeof LoginBodySchema>;

export const SessionSchema = z.object({
  user: UserSchema,
  csrfToken: z.string(),
  workspaces: z.array(WorkspaceSchema),
});
export type Session = z.infer<typeof SessionSchema>;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>;

export const UpdateProfileBodySchema = z.strictObject({
  name: displayName.optional(),
  locale: LocaleSchema.optional(),
});
export type UpdateProfileBody = z.input<typeof UpdateProfileBodySchema>;

// ── workspaces ────────────────────────────────────────────────────────────────
export const CreateWorkspaceBodySchema = z.strictObject({
  name: displayName,
  timezone: timezone.optional(),
});
export type CreateWorkspaceBody = z.input<typeof CreateWorkspaceBodySchema>;

export const UpdateWorkspaceBodySchema = z.strictObject({
  name: displayName.optional(),
  timezone: timezone.optional(),
});
export type UpdateWorkspaceBody = z.input<typeof UpdateWorkspaceBodySchema>;

export const WorkspaceListSchema = z.object({ items: z.array(WorkspaceSchema) });

export const WorkspaceParamsSchema = z.strictObject({ workspaceId: IdSchema });

// ── members and invitations ───────────────────────────────────────────────────
export const MemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  channelIds: z.array(z.string()).nullable(),
  joinedAt: isoDate,
});
export type Member = z.infer<typeof MemberSchema>;
export const MemberListSchema = z.object({ items: z.array(MemberSchema) });

export const UpdateMemberBodySchema = z.strictObject({
  role: RoleSchema.optional(),
  /** Narrow the member to these channels; null gives back every channel. */
  channelIds: z.array(IdSchema).max(500).nullable().optional(),
});
export type UpdateMemberBody = z.input<typeof UpdateMemberBodySchema>;

export const MemberParamsSchema = z.strictObject({ workspaceId: IdSchema, userId: IdSchema });

export const InvitationSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  email: z.string().nullable(),
  createdAt: isoDate,
  expiresAt: isoDate,
  acceptedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  createdBy: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) });

export const CreateInvitationBodySchema = z.strictObject({
  role: RoleSchema,
  email: email.optional(),
  expiresInDays: z.number().int().min(1).max(30).optional(),
});
export type CreateInvitationBody = z.input<typeof CreateInvitationBodySchema>;

export const CreatedInvitationSchema = z.object({
  invitation: InvitationSchema,
  /** The link to send; it holds the secret and is shown only once. */
  url: z.string(),
  token: z.string(),
});
export type CreatedInvitation = z.infer<typeof CreatedInvitationSchema>;

export const InvitationParamsSchema = z.strictObject({
  workspaceId: IdSchema,
  invitationId: IdSchema,
});
export const InvitationTokenParamsSchema = z.strictObject({ token: z.string().min(10).max(200) });

export const InvitationPreviewSchema = z.object({
  workspaceName: z.string(),
  role: RoleSchema,
  invitedBy: z.string(),
  email: z.string().nullable(),
  expiresAt: isoDate,
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

/** Signed-in people send an empty body; newcomers create their account with it. */
export const AcceptInvitationBodySchema = z.strictObject({
  name: displayName.optional(),
  email: email.optional(),
  password: password.optional(),
});
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBodySchema>;

export const AcceptedInvitationSchema = z.object({
  workspaceId: z.string(),
  csrfToken: z.string(),
});

// ── API tokens ────────────────────────────────────────────────────────────────
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: RoleSchema,
  createdBy: z.string(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });

export const CreateApiTokenBodySchema = z.strictObject({
  name: displayName,
  role: RoleSchema,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenBody = z.input<typeof CreateApiTokenBodySchema>;

export const CreatedApiTokenSchema = z.object({
  token: ApiTokenSchema,
  /** The bearer secret; shown once, never stored in clear. */
  secret: z.string(),
});
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;

export const ApiTokenParamsSchema = z.strictObject({ workspaceId: IdSchema, tokenId: IdSchema });

// ── audit log ─────────────────────────────────────────────────────────────────
export const AuditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({
    userId: z.string().nullable(),
    tokenId: z.string().nullable(),
    label: z.string(),
  }),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: isoDate,
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  actorUserId: IdSchema.optional(),
  targetType: z.string().max(100).optional(),
  targetId: IdSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditEventSchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

// ── roles ─────────────────────────────────────────────────────────────────────
export const RoleTableSchema = z.object({
  permissions: z.array(PermissionSchema),
  roles: z.array(z.object({ role: RoleSchema, permissions: z.array(PermissionSchema) })),
});
export type RoleTable = z.infer<typeof RoleTableSchema>;

// ── jobs ──────────────────────────────────────────────────────────────────────
export const JobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'dead']);
export const JobSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: JobStatusSchema,
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: isoDate,
  lastError: z.string().nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
});
export type Job = z.infer<typeof JobSchema>;
export const JobQuerySchema = z.strictObject({
  status: JobStatusSchema.optional(),
  cursor: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const JobPageSchema = z.object({
  items: z.array(JobSchema),
  nextCursor: z.string().nullable(),
});
export type JobPage = z.infer<typeof JobPageSchema>;
export const JobParamsSchema = z.strictObject({ workspaceId: IdSchema, jobId: IdSchema });
