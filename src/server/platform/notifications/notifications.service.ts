import type { Notification } from '../../../shared/publishing.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { NotificationRow } from '../../db/schema.ts';
import type { WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../app-error.ts';
import { toIso, type Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import * as repo from './notifications.repo.ts';

export interface NotifyInput {
  workspaceId: string;
  /** People to tell; `roles` adds every member holding one of them. */
  userIds?: readonly string[];
  roles?: readonly string[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
  /** Sends each person at most one notification with this key (e.g. per failed target). */
  dedupeKey?: string;
}

function present(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: toIso(row.read_at),
    createdAt: toIso(row.created_at),
  };
}

/** In-app notifications: failures, reminders for assisted channels, review requests. */
export function createNotificationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async notify(input: NotifyInput, executor: Executor = db.kysely): Promise<void> {
      const byRole = input.roles?.length
        ? await repo.listMemberIdsWithRoles(executor, input.workspaceId, input.roles)
        : [];
      const recipients = [...new Set([...(input.userIds ?? []), ...byRole])];
      const now = clock.now();
      await repo.insertNotifications(
        executor,
        recipients.map((userId) => ({
          workspace_id: input.workspaceId,
          id: newId(now),
          user_id: userId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          link: input.link ?? null,
          dedupe_key: input.dedupeKey ?? null,
          read_at: null,
          created_at: now,
        })),
      );
    },

    async list(
      scope: WorkspaceScope,
      userId: string,
    ): Promise<{ items: Notification[]; unread: number }> {
      const [rows, unread] = await Promise.all([
        repo.listNotifications(db.kysely, scope.workspaceId, userId, 50),
        repo.countUnread(db.kysely, scope.workspaceId, userId),
      ]);
      return { items: rows.map(present), unread };
    },

    async markRead(
      scope: WorkspaceScope,
      userId: string,
      notificationId: string | null,
    ): Promise<void> {
      const changed = await repo.markRead(
        db.kysely,
        scope.workspaceId,
        userId,
        notificationId,
        clock.now(),
      );
      if (notificationId && changed === 0) {
        const row = await repo.findNotification(
          db.kysely,
          scope.workspaceId,
          userId,
          notificationId,
        );
        if (!row) throw AppError.notFound('Notification');
      }
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
