import type { Executor } from '../../db/executor.ts';
import type { AuditEventRow } from '../../db/schema.ts';

export interface AuditFilter {
  action?: string | undefined;
  actorUserId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Return events older than this id (ids sort by time). */
  before?: string | undefined;
  limit: number;
}

export async function insertAuditEvent(db: Executor, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_event').values(row).execute();
}

export async function listAuditEvents(
  db: Executor,
  workspaceId: string,
  filter: AuditFilter,
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_event').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.action) {
    // "members" matches members.invite, members.remove…; a full action matches itself.
    query = filter.action.includes('.')
      ? query.where('action', '=', filter.action)
      : query.where('action', 'like', `${filter.action}.%`);
  }
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}
