import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type {
  SandboxAccountTable,
  SandboxPostTable,
  SandboxPublishCallTable,
  SandboxPublishOutcome,
  SandboxReplyTable,
} from './sandbox.tables.ts';

export type SandboxAccountRow = Selectable<SandboxAccountTable>;
export type SandboxPostRow = Selectable<SandboxPostTable>;
export type SandboxPublishCallRow = Selectable<SandboxPublishCallTable>;
export type SandboxReplyRow = Selectable<SandboxReplyTable>;

/** What a publish call decides once it knows how many calls with its key came before. */
export type PublishDecision = 'create' | 'retryable' | 'unknown_outcome';

export interface RecordPublishInput {
  workspaceId: string;
  accountId: string;
  idempotencyKey: string;
  calledAt: number;
  decide: (attempt: number) => PublishDecision;
  /** The post to create when none exists for the key yet. */
  post: Insertable<SandboxPostTable>;
}

export interface RecordPublishResult {
  attempt: number;
  outcome: SandboxPublishOutcome;
  post: SandboxPostRow | null;
}

/** The only SQL of the sandbox network. Every function takes the workspace scope. */
export interface SandboxRepo {
  insertAccount(row: Insertable<SandboxAccountTable>): Promise<SandboxAccountRow>;
  findAccount(workspaceId: string, accountId: string): Promise<SandboxAccountRow | undefined>;
  updateAccount(
    workspaceId: string,
    accountId: string,
    patch: Partial<
      Pick<SandboxAccountRow, 'model_json' | 'failures_json' | 'messages_since' | 'updated_at'>
    >,
  ): Promise<void>;
  /** Inserts posts; rows whose idempotency key is taken are skipped. Returns the inserted ones. */
  insertPosts(rows: ReadonlyArray<Insertable<SandboxPostTable>>): Promise<SandboxPostRow[]>;
  findPostByKey(
    workspaceId: string,
    accountId: string,
    idempotencyKey: string,
  ): Promise<SandboxPostRow | undefined>;
  findPostsByIds(
    workspaceId: string,
    accountId: string,
    ids: readonly string[],
  ): Promise<SandboxPostRow[]>;
  /** Posts published in (from, to], oldest first. */
  listPostsPublishedBetween(
    workspaceId: string,
    accountId: string,
    from: number,
    to: number,
  ): Promise<SandboxPostRow[]>;
  /**
   * One publish call, atomically: records the call, then creates the post (once per key) when
   * the decision allows. A crash before commit leaves neither, as if the call never arrived.
   */
  recordPublish(input: RecordPublishInput): Promise<RecordPublishResult>;
  /** Records a call that failed before reaching the post (rejected content, expired auth). */
  recordFailedCall(
    input: Omit<RecordPublishInput, 'decide' | 'post'> & { outcome: 'rejected' | 'auth' },
  ): Promise<void>;
  listPublishCalls(
    workspaceId: string,
    accountId: string,
    idempotencyKey?: string,
  ): Promise<SandboxPublishCallRow[]>;
  /** Inserts a reply unless its key was used; returns the reply stored under the key. */
  insertReply(
    row: Insertable<SandboxReplyTable>,
  ): Promise<{ row: SandboxReplyRow; created: boolean }>;
  listReplies(workspaceId: string, accountId: string): Promise<SandboxReplyRow[]>;
  findReplyByKey(
    workspaceId: string,
    accountId: string,
    idempotencyKey: string,
  ): Promise<SandboxReplyRow | undefined>;
  /** Records a hidden comment; hiding it again changes nothing. */
  hideComment(
    workspaceId: string,
    accountId: string,
    externalId: string,
    at: number,
  ): Promise<void>;
  listHiddenComments(workspaceId: string, accountId: string): Promise<string[]>;
}

const INSERT_CHUNK = 200;

export function createSandboxRepo(db: Db): SandboxRepo {
  // The one place the sandbox tables are added to the handle, until `Database` includes them.
  const k = db.kysely;

  const findPostByKey = (
    executor: Kysely<Database>,
    workspaceId: string,
    accountId: string,
    key: string,
  ) =>
    executor
      .selectFrom('sandbox_post')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('account_id', '=', accountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();

  return {
    async insertAccount(row) {
      return k.insertInto('sandbox_account').values(row).returningAll().executeTakeFirstOrThrow();
    },

    findAccount(workspaceId, accountId) {
      return k
        .selectFrom('sandbox_account')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', accountId)
        .executeTakeFirst();
    },

    async updateAccount(workspaceId, accountId, patch) {
      await k
        .updateTable('sandbox_account')
        .set(patch)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', accountId)
        .execute();
    },

    async insertPosts(rows) {
      const inserted: SandboxPostRow[] = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        inserted.push(
          ...(await k
            .insertInto('sandbox_post')
            .values(chunk)
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'account_id', 'idempotency_key']).doNothing(),
            )
            .returningAll()
            .execute()),
        );
      }
      return inserted;
    },

    findPostByKey(workspaceId, accountId, key) {
      return findPostByKey(k, workspaceId, accountId, key);
    },

    async findPostsByIds(workspaceId, accountId, ids) {
      if (ids.length === 0) return [];
      return k
        .selectFrom('sandbox_post')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .where('id', 'in', [...ids])
        .execute();
    },

    listPostsPublishedBetween(workspaceId, accountId, from, to) {
      return k
        .selectFrom('sandbox_post')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .where('published_at', '>', from)
        .where('published_at', '<=', to)
        .orderBy('published_at')
        .orderBy('id')
        .execute();
    },

    recordPublish(input) {
      return k.transaction().execute(async (trx) => {
        const callId = newId(input.calledAt);
        // Writing first takes SQLite's write lock at once, so two processes queue up on
        // busy_timeout instead of failing to upgrade a read lock.
        await trx
          .insertInto('sandbox_publish_call')
          .values({
            workspace_id: input.workspaceId,
            id: callId,
            account_id: input.accountId,
            idempotency_key: input.idempotencyKey,
            attempt: 0,
            outcome: 'retryable',
            post_id: null,
            called_at: input.calledAt,
          })
          .execute();
        const previous = await trx
          .selectFrom('sandbox_publish_call')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('workspace_id', '=', input.workspaceId)
          .where('account_id', '=', input.accountId)
          .where('idempotency_key', '=', input.idempotencyKey)
          .where('id', '!=', callId)
          .executeTakeFirstOrThrow();
        const attempt = Number(previous.n);
        const decision = input.decide(attempt);

        let outcome: SandboxPublishOutcome = 'retryable';
        let post: SandboxPostRow | null = null;
        if (decision !== 'retryable') {
          // On PostgreSQL a concurrent insert of the same key waits here for the other
          // transaction, then does nothing; the select below then sees the committed row.
          const inserted = await trx
            .insertInto('sandbox_post')
            .values(input.post)
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'account_id', 'idempotency_key']).doNothing(),
            )
            .returningAll()
            .executeTakeFirst();
          post =
            inserted ??
            (await findPostByKey(trx, input.workspaceId, input.accountId, input.idempotencyKey)) ??
            null;
          if (!post) throw new Error(`Sandbox post for key ${input.idempotencyKey} vanished`);
          outcome =
            decision === 'unknown_outcome' ? 'unknown_outcome' : inserted ? 'created' : 'existing';
        }
        await trx
          .updateTable('sandbox_publish_call')
          .set({ attempt, outcome, post_id: post?.id ?? null })
          .where('workspace_id', '=', input.workspaceId)
          .where('id', '=', callId)
          .execute();
        return { attempt, outcome, post };
      });
    },

    async recordFailedCall(input) {
      const previous = await k
        .selectFrom('sandbox_publish_call')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('workspace_id', '=', input.workspaceId)
        .where('account_id', '=', input.accountId)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirstOrThrow();
      await k
        .insertInto('sandbox_publish_call')
        .values({
          workspace_id: input.workspaceId,
          id: newId(input.calledAt),
          account_id: input.accountId,
          idempotency_key: input.idempotencyKey,
          attempt: Number(previous.n),
          outcome: input.outcome,
          post_id: null,
          called_at: input.calledAt,
        })
        .execute();
    },

    listPublishCalls(workspaceId, accountId, idempotencyKey) {
      let query = k
        .selectFrom('sandbox_publish_call')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId);
      if (idempotencyKey !== undefined) query = query.where('idempotency_key', '=', idempotencyKey);
      return query.orderBy('called_at').orderBy('id').execute();
    },

    async insertReply(row) {
      const inserted = await k
        .insertInto('sandbox_reply')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'account_id', 'idempotency_key']).doNothing(),
        )
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { row: inserted, created: true };
      const existing = await k
        .selectFrom('sandbox_reply')
        .selectAll()
        .where('workspace_id', '=', row.workspace_id)
        .where('account_id', '=', row.account_id)
        .where('idempotency_key', '=', row.idempotency_key)
        .executeTakeFirstOrThrow();
      return { row: existing, created: false };
    },

    findReplyByKey(workspaceId, accountId, idempotencyKey) {
      return k
        .selectFrom('sandbox_reply')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .where('idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
    },

    async hideComment(workspaceId, accountId, externalId, at) {
      await k
        .insertInto('sandbox_hidden_comment')
        .values({
          workspace_id: workspaceId,
          account_id: accountId,
          external_id: externalId,
          hidden_at: at,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'account_id', 'external_id']).doNothing())
        .execute();
    },

    async listHiddenComments(workspaceId, accountId) {
      const rows = await k
        .selectFrom('sandbox_hidden_comment')
        .select('external_id')
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .orderBy('hidden_at')
        .execute();
      return rows.map((row) => row.external_id);
    },

    listReplies(workspaceId, accountId) {
      return k
        .selectFrom('sandbox_reply')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
  };
}
