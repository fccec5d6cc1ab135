import {
  POST_STATUSES,
  type CreatePostBody,
  type Post,
  type PostCounts,
  type PostPage,
  type PostStatus,
  type PublishingSettings,
  type TargetStatus,
  type UpdatePostBody,
} from '../../../shared/publishing.ts';
import { limitsForStyle } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { ChannelRow, PostReviewRow, PostRow, PostTargetRow } from '../../db/schema.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import type { JobQueue } from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { NotificationService } from '../../platform/notifications/notifications.service.ts';
import { findChannels } from './channels.repo.ts';
import { validateForLimits } from './content-validation.ts';
import { assertTransition, deriveDeliveryStatus, isEditable } from './post-status.ts';
import * as repo from './posts.repo.ts';
import type { PublishJobs } from './publish.jobs.ts';
import type { TargetMetrics } from '../analytics/index.ts';
import type { MediaService } from '../media/index.ts';

export interface PostServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notifications: NotificationService;
  jobs: JobQueue;
  publishJobs: () => PublishJobs;
  /** The latest collected numbers of each target (analytics owns metric history). */
  metricsOf: (
    workspaceId: string,
    targetIds: readonly string[],
  ) => Promise<Map<string, TargetMetrics>>;
  /** Links a new post to the content item it is written from, inside the creating transaction. */
  linkContentItem?: (
    trx: Executor,
    link: { workspaceId: string; postId: string; itemId: string; actor: Actor },
  ) => Promise<void>;
  /**
   * Called after a target moved while at least one channel version is live, with the first
   * publish time; it may be called again for the same post, so handlers must be idempotent.
   */
  afterPostPublished?: (post: {
    workspaceId: string;
    postId: string;
    publishedAt: number;
  }) => Promise<void>;
  /** The media library: checks, stores and reads the files attached to each channel version. */
  media?: Pick<MediaService, 'attachedTo' | 'attach' | 'checkTargets' | 'assertUsableAt'>;
}

const DEFAULT_SETTINGS: PublishingSettings = { approvalSteps: [], allowSelfApproval: false };

function presentPost(
  row: PostRow,
  targets: PostTargetRow[],
  reviews: PostReviewRow[],
  metrics: Map<string, TargetMetrics>,
  media: Map<string, string[]> = new Map(),
): Post {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    topics: JSON.parse(row.topics_json) as string[],
    status: row.status as PostStatus,
    approvalStep: row.approval_step,
    scheduledAt: toIso(row.scheduled_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    targets: targets.map((t) => ({
      id: t.id,
      channelId: t.channel_id,
      title: t.title,
      text: t.text,
      status: t.status as TargetStatus,
      scheduledAt: toIso(t.scheduled_at),
      externalId: t.external_id,
      url: t.url,
      publishedAt: toIso(t.published_at),
      attempts: t.attempts,
      lastError: t.last_error,
      errorAction: t.error_action,
      metrics: metrics.get(t.id) ?? null,
      mediaIds: media.get(t.id) ?? [],
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      userId: r.user_id,
      kind: r.kind as Post['reviews'][number]['kind'],
      step: r.step,
      body: r.body,
      createdAt: toIso(r.created_at),
    })),
  };
}

function cursorAfter(row: PostRow | undefined, windowed: boolean): string | null {
  if (!row) return null;
  return windowed ? `${row.scheduled_at ?? 0}.${row.id}` : row.id;
}

export function createPostService(deps: PostServiceDeps) {
  const { db, clock, audit } = deps;

  async function settingsOf(executor: Executor, workspaceId: string): Promise<PublishingSettings> {
    const row = await repo.findSettings(executor, workspaceId);
    if (!row) return DEFAULT_SETTINGS;
    return {
      approvalSteps: JSON.parse(row.approval_steps_json) as PublishingSettings['approvalSteps'],
      allowSelfApproval: row.allow_self_approval === 1,
    };
  }

  async function load(
    workspaceId: string,
    postId: string,
    executor: Executor = db.kysely,
  ): Promise<Post> {
    const row = await repo.findPost(executor, workspaceId, postId);
    if (!row) throw AppError.notFound('Post');
    const [targets, reviews] = await Promise.all([
      repo.listTargets(executor, workspaceId, [postId]),
      repo.listReviews(executor, workspaceId, [postId]),
    ]);
    const metrics = await deps.metricsOf(
      workspaceId,
      targets.map((t) => t.id),
    );
    const media = await deps.media?.attachedTo(
      executor,
      workspaceId,
      targets.map((t) => t.id),
    );
    return presentPost(row, targets, reviews, metrics, media);
  }

  async function requirePost(
    executor: Executor,
    workspaceId: string,
    postId: string,
  ): Promise<PostRow> {
    const row = await repo.findPost(executor, workspaceId, postId);
    if (!row) throw AppError.notFound('Post');
    return row;
  }

  /** Checks channels exist (and the member may use them) and every variant fits its platform. */
  async function resolveTargets(
    scope: WorkspaceScope,
    post: { title: string | null; body: string },
    targets: NonNullable<UpdatePostBody['targets']>,
  ): Promise<{ channel: ChannelRow; text: string; title: string | null }[]> {
    const channels = await findChannels(
      db.kysely,
      scope.workspaceId,
      targets.map((t) => t.channelId),
    );
    const fields: Record<string, string> = {};
    const seen = new Set<string>();
    const resolved = targets.flatMap((target, index) => {
      const channel = channels.find((c) => c.id === target.channelId);
      if (!channel || (scope.channelIds && !scope.channelIds.includes(channel.id))) {
        fields[`targets.${index}.channelId`] = 'no such channel in this workspace';
        return [];
      }
      if (seen.has(channel.id)) {
        fields[`targets.${index}.channelId`] = 'this channel is listed twice';
        return [];
      }
      seen.add(channel.id);
      const text = target.text ?? post.body;
      const title = target.title === undefined ? post.title : target.title;
      for (const problem of validateForLimits({ text, title }, limitsForStyle(channel.style))) {
        fields[`targets.${index}.${problem.field}`] = `${channel.name}: ${problem.message}`;
      }
      return [{ channel, text, title }];
    });
    if (deps.media) {
      const withMedia = targets.flatMap((target, index) => {
        const channel = channels.find((c) => c.id === target.channelId);
        return channel && target.mediaIds ? [{ index, channel, mediaIds: target.mediaIds }] : [];
      });
      Object.assign(fields, await deps.media.checkTargets(scope.workspaceId, withMedia));
    }
    if (Object.keys(fields).length) {
      throw new AppError('validation_failed', 'Some channel versions do not fit their platform', {
        fields,
      });
    }
    return resolved;
  }

  /**
   * Stores the media each version asks for (absent `mediaIds` keep what it has; versions on
   * their way out are left alone) and, when the post already has a slot, checks every attached
   * license still holds then.
   */
  async function attachMedia(
    trx: Executor,
    workspaceId: string,
    postId: string,
    wanted: readonly { channelId: string; mediaIds?: readonly string[] | undefined }[],
    slot: number | null,
  ): Promise<void> {
    if (!deps.media) return;
    const rows = await repo.listTargets(trx, workspaceId, [postId]);
    const checks: { index: number; targetId: string }[] = [];
    for (const [index, target] of wanted.entries()) {
      const row = rows.find((r) => r.channel_id === target.channelId);
      if (!row || ['publishing', 'published', 'unconfirmed'].includes(row.status)) continue;
      if (target.mediaIds) await deps.media.attach(trx, workspaceId, row.id, target.mediaIds);
      checks.push({ index, targetId: row.id });
    }
    if (slot !== null) await deps.media.assertUsableAt(trx, workspaceId, checks, slot);
  }

  function targetRow(
    workspaceId: string,
    postId: string,
    now: number,
    t: { channel: ChannelRow; text: string; title: string | null },
  ): PostTargetRow {
    const id = newId(now);
    return {
      workspace_id: workspaceId,
      id,
      post_id: postId,
      channel_id: t.channel.id,
      title: t.title,
      text: t.text,
      status: 'pending',
      scheduled_at: null,
      // One key per (post, channel), kept across retries: platforms and the reconciler use it
      // to tell a repeat from a new post.
      idempotency_key: `opsloop-${workspaceId}-${id}`,
      external_id: null,
      url: null,
      published_at: null,
      attempts: 0,
      last_error: null,
      error_action: null,
      updated_at: now,
    };
  }

  async function setStatus(
    trx: Executor,
    scope: WorkspaceScope,
    actor: Actor,
    post: PostRow,
    to: PostStatus,
    extra: Partial<Pick<PostRow, 'approval_step' | 'scheduled_at'>> = {},
  ): Promise<void> {
    assertTransition(post.status as PostStatus, to);
    await repo.updatePost(trx, scope.workspaceId, post.id, {
      status: to,
      ...extra,
      updated_at: clock.now(),
    });
    await audit.record(trx, actor, {
      workspaceId: scope.workspaceId,
      action: `posts.${to}`,
      targetType: 'post',
      targetId: post.id,
      before: {
        status: post.status,
        approvalStep: post.approval_step,
        scheduledAt: toIso(post.scheduled_at),
      },
      after: {
        status: to,
        approvalStep: extra.approval_step ?? post.approval_step,
        scheduledAt: toIso(
          extra.scheduled_at === undefined ? post.scheduled_at : extra.scheduled_at,
        ),
      },
    });
  }

  async function review(
    trx: Executor,
    workspaceId: string,
    postId: string,
    userId: string,
    kind: string,
    step: number | null,
    body: string | null,
  ) {
    await repo.insertReview(trx, {
      workspace_id: workspaceId,
      id: newId(clock.now()),
      post_id: postId,
      user_id: userId,
      kind,
      step,
      body,
      created_at: clock.now(),
    });
  }

  /** Puts every target that is waiting on the slot and enqueues its delivery. */
  async function scheduleAt(
    scope: WorkspaceScope,
    postId: string,
    at: number,
    actor: Actor,
  ): Promise<Post> {
    const scheduled = await db.kysely.transaction().execute(async (trx) => {
      const post = await requirePost(trx, scope.workspaceId, postId);
      const status = post.status as PostStatus;
      if (status === 'draft' || status === 'changes_requested') {
        const settings = await settingsOf(trx, scope.workspaceId);
        if (settings.approvalSteps.length > 0) {
          throw new AppError('conflict', 'This post needs approval before it can be scheduled');
        }
        await setStatus(trx, scope, actor, post, 'approved');
        post.status = 'approved';
      }
      await setStatus(trx, scope, actor, post, 'scheduled', { scheduled_at: at });
      const targets = await repo.listTargets(trx, scope.workspaceId, [postId]);
      const movable = targets.filter((t) =>
        ['pending', 'scheduled', 'failed', 'canceled'].includes(t.status),
      );
      await deps.media?.assertUsableAt(
        trx,
        scope.workspaceId,
        movable.map((t) => ({ index: targets.indexOf(t), targetId: t.id })),
        at,
      );
      for (const target of movable) {
        await repo.transitionTarget(trx, scope.workspaceId, target.id, [target.status], {
          status: 'scheduled',
          scheduled_at: at,
          last_error: null,
          error_action: null,
          updated_at: clock.now(),
        });
      }
      return movable.map((t) => t.id);
    });
    // After commit: a crash before this line is caught by the due-target sweep.
    await deps.publishJobs().enqueueDeliveries(scope.workspaceId, scheduled, at);
    return load(scope.workspaceId, postId);
  }

  return {
    get: (scope: WorkspaceScope, postId: string) => load(scope.workspaceId, postId),

    async list(scope: WorkspaceScope, filter: repo.PostFilter): Promise<PostPage> {
      // In a time window the cursor is `slot.id` of the last post, as posts go by their slot.
      const windowed = filter.from !== undefined || filter.to !== undefined;
      let afterSlot: repo.PostFilter['afterSlot'];
      if (windowed && filter.before) {
        const match = /^(\d{1,16})\.(.+)$/.exec(filter.before);
        if (!match?.[1] || !match[2]) {
          throw new AppError('validation_failed', 'Invalid query: cursor', {
            fields: { cursor: 'not a cursor of this list' },
          });
        }
        afterSlot = { scheduledAt: Number(match[1]), id: match[2] };
      }
      const rows = await repo.listPosts(db.kysely, scope.workspaceId, {
        ...filter,
        before: windowed ? undefined : filter.before,
        afterSlot,
        limit: filter.limit + 1,
      });
      const page = rows.slice(0, filter.limit);
      const ids = page.map((row) => row.id);
      const [targets, reviews] = await Promise.all([
        repo.listTargets(db.kysely, scope.workspaceId, ids),
        repo.listReviews(db.kysely, scope.workspaceId, ids),
      ]);
      const metrics = await deps.metricsOf(
        scope.workspaceId,
        targets.map((t) => t.id),
      );
      const media = await deps.media?.attachedTo(
        db.kysely,
        scope.workspaceId,
        targets.map((t) => t.id),
      );
      return {
        items: page.map((row) =>
          presentPost(
            row,
            targets.filter((t) => t.post_id === row.id),
            reviews.filter((r) => r.post_id === row.id),
            metrics,
            media,
          ),
        ),
        nextCursor: rows.length > filter.limit ? cursorAfter(page.at(-1), windowed) : null,
      };
    },

    /** How many posts match a filter, per status and in all. */
    async counts(
      scope: WorkspaceScope,
      filter: Omit<repo.PostFilter, 'before' | 'afterSlot' | 'limit'>,
    ): Promise<PostCounts> {
      const rows = await repo.countPostsByStatus(db.kysely, scope.workspaceId, filter);
      const byStatus = Object.fromEntries(POST_STATUSES.map((status) => [status, 0])) as Record<
        PostStatus,
        number
      >;
      for (const row of rows) {
        if ((POST_STATUSES as readonly string[]).includes(row.status)) {
          byStatus[row.status as PostStatus] = row.count;
        }
      }
      return { total: rows.reduce((sum, row) => sum + row.count, 0), byStatus };
    },

    async create(scope: WorkspaceScope, body: CreatePostBody, actor: Actor): Promise<Post> {
      if (!actor.userId) throw new AppError('forbidden', 'Posts are written by people');
      const title = body.title ?? null;
      const targets = await resolveTargets(scope, { title, body: body.body }, body.targets);
      const now = clock.now();
      const post: PostRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        title,
        body: body.body,
        topics_json: JSON.stringify(body.topics ?? []),
        status: 'draft',
        approval_step: 0,
        scheduled_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await db.kysely.transaction().execute(async (trx) => {
        await repo.insertPosts(trx, [post]);
        await repo.insertTargets(
          trx,
          targets.map((t) => targetRow(scope.workspaceId, post.id, now, t)),
        );
        await attachMedia(trx, scope.workspaceId, post.id, body.targets, null);
        if (body.contentItemId) {
          if (!deps.linkContentItem)
            throw new AppError('conflict', 'Content items are not available');
          await deps.linkContentItem(trx, {
            workspaceId: scope.workspaceId,
            postId: post.id,
            itemId: body.contentItemId,
            actor,
          });
        }
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'posts.create',
          targetType: 'post',
          targetId: post.id,
          after: {
            title,
            channels: targets.map((t) => t.channel.id),
            ...(body.contentItemId ? { contentItemId: body.contentItemId } : {}),
          },
        });
      });
      return load(scope.workspaceId, post.id);
    },

    async update(
      scope: WorkspaceScope,
      postId: string,
      body: UpdatePostBody,
      actor: Actor,
    ): Promise<Post> {
      const before = await load(scope.workspaceId, postId);
      if (!isEditable(before.status)) {
        throw new AppError('conflict', `A ${before.status} post can no longer be edited`);
      }
      const title = body.title === undefined ? before.title : body.title;
      const text = body.body ?? before.body;
      const wanted =
        body.targets ??
        before.targets
          .filter((t) => t.status !== 'published')
          .map((t) => ({ channelId: t.channelId, text: t.text, title: t.title }));
      const targets = await resolveTargets(scope, { title, body: text }, wanted);
      const settings = await settingsOf(db.kysely, scope.workspaceId);
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        const post = await requirePost(trx, scope.workspaceId, postId);
        // An edit after approval needs a fresh approval when the workspace requires one.
        const reapprove =
          settings.approvalSteps.length > 0 &&
          ['in_review', 'approved', 'scheduled'].includes(post.status);
        await repo.updatePost(trx, scope.workspaceId, postId, {
          title,
          body: text,
          topics_json: JSON.stringify(body.topics ?? before.topics),
          ...(reapprove ? { status: 'draft', approval_step: 0, scheduled_at: null } : {}),
          updated_at: now,
        });
        const existing = await repo.listTargets(trx, scope.workspaceId, [postId]);
        const removed = existing.filter(
          (t) => !targets.some((w) => w.channel.id === t.channel_id) && t.status !== 'published',
        );
        await repo.deleteTargets(
          trx,
          scope.workspaceId,
          removed.map((t) => t.id),
        );
        const added: PostTargetRow[] = [];
        for (const wantedTarget of targets) {
          const current = existing.find((t) => t.channel_id === wantedTarget.channel.id);
          if (!current) {
            const row = targetRow(scope.workspaceId, postId, now, wantedTarget);
            if (post.status === 'scheduled' && !reapprove) {
              row.status = 'scheduled';
              row.scheduled_at = post.scheduled_at;
            }
            added.push(row);
            continue;
          }
          if (
            current.status === 'publishing' ||
            current.status === 'published' ||
            current.status === 'unconfirmed'
          )
            continue;
          await repo.transitionTarget(trx, scope.workspaceId, current.id, [current.status], {
            text: wantedTarget.text,
            title: wantedTarget.title,
            ...(reapprove ? { status: 'pending', scheduled_at: null } : {}),
            updated_at: now,
          });
        }
        await repo.insertTargets(trx, added);
        const slot = post.status === 'scheduled' && !reapprove ? post.scheduled_at : null;
        await attachMedia(trx, scope.workspaceId, postId, wanted, slot);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'posts.update',
          targetType: 'post',
          targetId: postId,
          before: {
            title: before.title,
            body: before.body,
            channels: before.targets.map((t) => t.channelId),
            status: before.status,
          },
          after: {
            title,
            body: text,
            channels: targets.map((t) => t.channel.id),
            status: reapprove ? 'draft' : post.status,
          },
        });
      });
      const after = await load(scope.workspaceId, postId);
      const newlyScheduled = after.targets.filter(
        (t) => t.status === 'scheduled' && !before.targets.some((b) => b.id === t.id),
      );
      if (after.status === 'scheduled' && newlyScheduled.length && after.scheduledAt) {
        await deps.publishJobs().enqueueDeliveries(
          scope.workspaceId,
          newlyScheduled.map((t) => t.id),
          Date.parse(after.scheduledAt),
        );
      }
      return after;
    },

    /** Sends a draft to review, or straight to approved when the workspace has no approval steps. */
    async submit(scope: WorkspaceScope, postId: string, actor: Actor): Promise<Post> {
      const settings = await settingsOf(db.kysely, scope.workspaceId);
      await db.kysely.transaction().execute(async (trx) => {
        const post = await requirePost(trx, scope.workspaceId, postId);
        if (settings.approvalSteps.length === 0) {
          await setStatus(trx, scope, actor, post, 'approved');
          return;
        }
        await setStatus(trx, scope, actor, post, 'in_review', { approval_step: 0 });
        if (actor.userId)
          await review(trx, scope.workspaceId, postId, actor.userId, 'submit', 0, null);
        const step = settings.approvalSteps[0]!;
        await deps.notifications.notify(
          {
            workspaceId: scope.workspaceId,
            roles: step.roles,
            kind: 'post.review_requested',
            title: `Review requested: ${post.title ?? post.body.slice(0, 40)}`,
            body: `${actor.label} asks for ${step.name} approval.`,
            link: `/w/${scope.workspaceId}/posts/${postId}`,
          },
          trx,
        );
      });
      return load(scope.workspaceId, postId);
    },

    async approve(
      scope: WorkspaceScope,
      postId: string,
      comment: string | undefined,
      actor: Actor,
    ): Promise<Post> {
      const settings = await settingsOf(db.kysely, scope.workspaceId);
      await db.kysely.transaction().execute(async (trx) => {
        const post = await requirePost(trx, scope.workspaceId, postId);
        if (post.status !== 'in_review')
          throw new AppError('conflict', 'Only a post in review can be approved');
        const step = settings.approvalSteps[post.approval_step];
        if (!step) throw new AppError('conflict', 'This post waits on no approval step');
        if (!actor.userId) throw new AppError('forbidden', 'Approvals are given by people');
        if (!['owner', 'admin'].includes(scope.role) && !step.roles.includes(scope.role as never)) {
          throw new AppError(
            'forbidden',
            `The ${step.name} step is approved by ${step.roles.join(' or ')}`,
          );
        }
        if (post.created_by === actor.userId && !settings.allowSelfApproval) {
          throw new AppError('forbidden', 'You cannot approve your own post; ask another reviewer');
        }
        await review(
          trx,
          scope.workspaceId,
          postId,
          actor.userId,
          'approve',
          post.approval_step,
          comment ?? null,
        );
        const next = post.approval_step + 1;
        if (next < settings.approvalSteps.length) {
          await setStatus(trx, scope, actor, post, 'in_review', { approval_step: next });
          const nextStep = settings.approvalSteps[next]!;
          await deps.notifications.notify(
            {
              workspaceId: scope.workspaceId,
              roles: nextStep.roles,
              kind: 'post.review_requested',
              title: `Review requested: ${post.title ?? post.body.slice(0, 40)}`,
              body: `Passed ${step.name}; waiting for ${nextStep.name} approval.`,
              link: `/w/${scope.workspaceId}/posts/${postId}`,
            },
            trx,
          );
        } else {
          await setStatus(trx, scope, actor, post, 'approved', { approval_step: next });
          await deps.notifications.notify(
            {
              workspaceId: scope.workspaceId,
              userIds: [post.created_by],
              kind: 'post.approved',
              title: `Approved: ${post.title ?? post.body.slice(0, 40)}`,
              body: `${actor.label} approved it. Schedule it when you are ready.`,
              link: `/w/${scope.workspaceId}/posts/${postId}`,
            },
            trx,
          );
        }
      });
      return load(scope.workspaceId, postId);
    },

    async requestChanges(
      scope: WorkspaceScope,
      postId: string,
      comment: string | undefined,
      actor: Actor,
    ): Promise<Post> {
      await db.kysely.transaction().execute(async (trx) => {
        const post = await requirePost(trx, scope.workspaceId, postId);
        if (!actor.userId) throw new AppError('forbidden', 'Reviews are given by people');
        await setStatus(trx, scope, actor, post, 'changes_requested');
        await review(
          trx,
          scope.workspaceId,
          postId,
          actor.userId,
          'request_changes',
          post.approval_step,
          comment ?? null,
        );
        await deps.notifications.notify(
          {
            workspaceId: scope.workspaceId,
            userIds: [post.created_by],
            kind: 'post.changes_requested',
            title: `Changes requested: ${post.title ?? post.body.slice(0, 40)}`,
            body: comment ? `${actor.label}: ${comment}` : `${actor.label} asked for changes.`,
            link: `/w/${scope.workspaceId}/posts/${postId}`,
          },
          trx,
        );
      });
      return load(scope.workspaceId, postId);
    },

    async comment(
      scope: WorkspaceScope,
      postId: string,
      body: string,
      actor: Actor,
    ): Promise<Post> {
      if (!actor.userId) throw new AppError('forbidden', 'Comments are written by people');
      await requirePost(db.kysely, scope.workspaceId, postId);
      await review(db.kysely, scope.workspaceId, postId, actor.userId, 'comment', null, body);
      return load(scope.workspaceId, postId);
    },

    async schedule(
      scope: WorkspaceScope,
      postId: string,
      scheduledAt: string,
      actor: Actor,
    ): Promise<Post> {
      const at = Date.parse(scheduledAt);
      if (at < clock.now() - 60_000) {
        throw new AppError(
          'validation_failed',
          'That time has passed; pick a later slot or publish now',
          {
            fields: { scheduledAt: 'in the past' },
          },
        );
      }
      return scheduleAt(scope, postId, at, actor);
    },

    publishNow: (scope: WorkspaceScope, postId: string, actor: Actor) =>
      scheduleAt(scope, postId, clock.now(), actor),

    async cancel(scope: WorkspaceScope, postId: string, actor: Actor): Promise<Post> {
      await db.kysely.transaction().execute(async (trx) => {
        const post = await requirePost(trx, scope.workspaceId, postId);
        const targets = await repo.listTargets(trx, scope.workspaceId, [postId]);
        if (targets.some((t) => t.status === 'publishing')) {
          throw new AppError(
            'conflict',
            'It is being published right now; wait a moment and check again',
          );
        }
        for (const target of targets.filter((t) =>
          ['pending', 'scheduled', 'failed'].includes(t.status),
        )) {
          await repo.transitionTarget(trx, scope.workspaceId, target.id, [target.status], {
            status: 'canceled',
            updated_at: clock.now(),
          });
        }
        await setStatus(trx, scope, actor, post, 'canceled');
      });
      return load(scope.workspaceId, postId);
    },

    /** A person published by hand (assisted channel) or checked an unconfirmed one: record its URL. */
    async markPublished(
      scope: WorkspaceScope,
      postId: string,
      targetId: string,
      url: string,
      actor: Actor,
    ): Promise<Post> {
      const target = await repo.findTarget(db.kysely, scope.workspaceId, targetId);
      if (!target || target.post_id !== postId) throw AppError.notFound('Post target');
      const now = clock.now();
      const changed = await repo.transitionTarget(
        db.kysely,
        scope.workspaceId,
        targetId,
        ['scheduled', 'unconfirmed', 'failed'],
        {
          status: 'published',
          url,
          external_id: url,
          published_at: now,
          last_error: null,
          error_action: null,
          updated_at: now,
        },
      );
      if (!changed)
        throw new AppError(
          'conflict',
          `This channel's version is ${target.status}; nothing to mark`,
        );
      await audit.record(db.kysely, actor, {
        workspaceId: scope.workspaceId,
        action: 'posts.target_marked_published',
        targetType: 'post_target',
        targetId,
        before: { status: target.status },
        after: { status: 'published', url },
      });
      await this.refreshStatus(scope.workspaceId, postId);
      return load(scope.workspaceId, postId);
    },

    /** Sends a failed channel version again now, with the same idempotency key. */
    async retryTarget(
      scope: WorkspaceScope,
      postId: string,
      targetId: string,
      actor: Actor,
    ): Promise<Post> {
      const target = await repo.findTarget(db.kysely, scope.workspaceId, targetId);
      if (!target || target.post_id !== postId) throw AppError.notFound('Post target');
      // A new slot gives the delivery a new job: the failed one's job is done and keeps its key.
      const now = Math.max(clock.now(), (target.scheduled_at ?? 0) + 1);
      const changed = await repo.transitionTarget(
        db.kysely,
        scope.workspaceId,
        targetId,
        ['failed'],
        {
          status: 'scheduled',
          scheduled_at: now,
          last_error: null,
          error_action: null,
          updated_at: now,
        },
      );
      if (!changed) throw new AppError('conflict', 'Only a failed channel version can be retried');
      await audit.record(db.kysely, actor, {
        workspaceId: scope.workspaceId,
        action: 'posts.target_retry',
        targetType: 'post_target',
        targetId,
        before: { status: 'failed', lastError: target.last_error },
        after: { status: 'scheduled' },
      });
      await this.refreshStatus(scope.workspaceId, postId);
      await deps.publishJobs().enqueueDeliveries(scope.workspaceId, [targetId], now);
      return load(scope.workspaceId, postId);
    },

    /** Re-derives a post's status from its targets after one of them moved. */
    async refreshStatus(workspaceId: string, postId: string): Promise<void> {
      const targets = await repo.listTargets(db.kysely, workspaceId, [postId]);
      const derived = deriveDeliveryStatus(targets.map((t) => t.status as TargetStatus));
      if (derived) {
        await repo.updatePost(db.kysely, workspaceId, postId, {
          status: derived,
          updated_at: clock.now(),
        });
      }
      const live = targets.flatMap((t) =>
        t.status === 'published' && t.published_at !== null ? [t.published_at] : [],
      );
      if (live.length > 0 && deps.afterPostPublished) {
        await deps.afterPostPublished({ workspaceId, postId, publishedAt: Math.min(...live) });
      }
    },

    /**
     * Records posts that already went out (history from a platform, the sample workspace): each
     * becomes a published post with one channel version. Returns the target id of each item.
     */
    async importPublished(
      workspaceId: string,
      createdBy: string,
      items: readonly {
        channelId: string;
        title: string | null;
        text: string;
        topics: string[];
        externalId: string;
        url: string | null;
        publishedAt: number;
        idempotencyKey: string;
      }[],
    ): Promise<string[]> {
      const now = clock.now();
      const posts: PostRow[] = [];
      const targets: PostTargetRow[] = [];
      for (const item of items) {
        const postId = newId(now);
        posts.push({
          workspace_id: workspaceId,
          id: postId,
          title: item.title,
          body: item.text,
          topics_json: JSON.stringify(item.topics),
          status: 'published',
          approval_step: 0,
          scheduled_at: item.publishedAt,
          created_by: createdBy,
          created_at: item.publishedAt,
          updated_at: now,
        });
        targets.push({
          workspace_id: workspaceId,
          id: newId(now),
          post_id: postId,
          channel_id: item.channelId,
          title: item.title,
          text: item.text,
          status: 'published',
          scheduled_at: item.publishedAt,
          idempotency_key: item.idempotencyKey,
          external_id: item.externalId,
          url: item.url,
          published_at: item.publishedAt,
          attempts: 1,
          last_error: null,
          error_action: null,
          updated_at: now,
        });
      }
      await db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < posts.length; i += 200) {
          await repo.insertPosts(trx, posts.slice(i, i + 200));
          await repo.insertTargets(trx, targets.slice(i, i + 200));
        }
      });
      return targets.map((t) => t.id);
    },

    async getSettings(scope: WorkspaceScope): Promise<PublishingSettings> {
      return settingsOf(db.kysely, scope.workspaceId);
    },

    async updateSettings(
      scope: WorkspaceScope,
      body: Partial<PublishingSettings>,
      actor: Actor,
    ): Promise<PublishingSettings> {
      const before = await settingsOf(db.kysely, scope.workspaceId);
      const after = { ...before, ...body };
      await db.kysely.transaction().execute(async (trx) => {
        await repo.upsertSettings(trx, scope.workspaceId, {
          approval_steps_json: JSON.stringify(after.approvalSteps),
          allow_self_approval: after.allowSelfApproval ? 1 : 0,
          updated_at: clock.now(),
        });
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'publishing.settings_update',
          targetType: 'publishing_settings',
          targetId: scope.workspaceId,
          before,
          after,
        });
      });
      return after;
    },
  };
}

export type PostService = ReturnType<typeof createPostService>;
