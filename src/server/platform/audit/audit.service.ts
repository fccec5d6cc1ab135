import type { AuditEvent, AuditPage } from '../../../shared/api.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import type { Actor } from '../../http/route.ts';
import type { Clock } from '../clock.ts';
import { toIso } from '../clock.ts';
import { newId } from '../ids.ts';
import { insertAuditEvent, listAuditEvents, type AuditFilter } from './audit.repo.ts';

export interface AuditEntry {
  workspaceId: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the audit log, whatever a caller passes in.
const REDACTED_KEYS = new Set(['password', 'password_hash', 'token_hash', 'secret', 'token']);

function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      REDACTED_KEYS.has(key) ? '[redacted]' : redact(inner),
    ]),
  );
}

export function createAuditService(deps: { db: Db; clock: Clock }) {
  return {
    /**
     * Makes a change and writes its audit event in one transaction, so both land or neither.
     * For changes of several statements, open the transaction yourself and call `record`.
     */
    async change(
      actor: Actor,
      apply: (trx: Executor) => Promise<unknown>,
      entry: AuditEntry,
    ): Promise<void> {
      await deps.db.kysely.transaction().execute(async (trx) => {
        await apply(trx);
        await this.record(trx, actor, entry);
      });
    },

    /** Writes one audit event; call it inside the transaction that makes the change. */
    async record(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
      const now = deps.clock.now();
      await insertAuditEvent(db, {
        workspace_id: entry.workspaceId,
        id: newId(now),
        actor_user_id: actor.userId,
        actor_token_id: actor.tokenId,
        actor_label: actor.label,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        before_json: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
        after_json: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
        ip: actor.ip,
        request_id: actor.requestId,
        created_at: now,
      });
    },

    async list(workspaceId: string, filter: AuditFilter): Promise<AuditPage> {
      const rows = await listAuditEvents(deps.db.kysely, workspaceId, {
        ...filter,
        limit: filter.limit + 1,
      });
      const page = rows.slice(0, filter.limit);
      return {
        items: page.map(presentAuditEvent),
        nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

function presentAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    action: row.action,
    actor: { userId: row.actor_user_id, tokenId: row.actor_token_id, label: row.actor_label },
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
    ip: row.ip,
    requestId: row.request_id,
    createdAt: toIso(row.created_at),
  };
}
