import type { Executor } from '../../db/executor.ts';
import type { CsatSettingsRow, CsatSurveyRow } from './routing-tables.ts';

export function findSettings(
  db: Executor,
  workspaceId: string,
): Promise<CsatSettingsRow | undefined> {
  return db
    .selectFrom('csat_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function saveSettings(db: Executor, row: CsatSettingsRow): Promise<void> {
  await db
    .insertInto('csat_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({
        enabled: row.enabled,
        dm_only: row.dm_only,
        cooldown_days: row.cooldown_days,
        expires_hours: row.expires_hours,
        message_zh: row.message_zh,
        message_en: row.message_en,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Inserts a survey unless this resolution already has one; true when inserted. */
export async function insertSurvey(db: Executor, row: CsatSurveyRow): Promise<boolean> {
  const inserted = await db
    .insertInto('csat_survey')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'conversation_id', 'resolved_at']).doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export function findSurveyForResolution(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  resolvedAt: number,
): Promise<CsatSurveyRow | undefined> {
  return db
    .selectFrom('csat_survey')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('resolved_at', '=', resolvedAt)
    .executeTakeFirst();
}

/** A survey by its link's token hash; the token is the only key a respondent has. */
export function findSurveyByToken(
  db: Executor,
  tokenHash: string,
): Promise<CsatSurveyRow | undefined> {
  return db
    .selectFrom('csat_survey')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateSurvey(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<CsatSurveyRow, 'status' | 'sent_at'>>,
): Promise<void> {
  await db
    .updateTable('csat_survey')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Records an answer if the survey is still open; true for the one request that did it, so a
 * link answers once even when two submissions race.
 */
export async function answerSurvey(
  db: Executor,
  tokenHash: string,
  answer: { score: number; comment: string | null },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('csat_survey')
    .set({ score: answer.score, comment: answer.comment, responded_at: now, status: 'answered' })
    .where('token_hash', '=', tokenHash)
    .where('responded_at', 'is', null)
    .where('status', '=', 'sent')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function surveyedSince(
  db: Executor,
  workspaceId: string,
  contactId: string,
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('csat_survey')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .where('sent_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function listSurveys(
  db: Executor,
  workspaceId: string,
  filter: { answered?: boolean | undefined; limit: number },
): Promise<CsatSurveyRow[]> {
  let query = db.selectFrom('csat_survey').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.answered === true) query = query.where('responded_at', 'is not', null);
  if (filter.answered === false) query = query.where('responded_at', 'is', null);
  return query.orderBy('sent_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Surveys sent (or attempted) in a period, for the report. */
export function listSurveysSent(
  db: Executor,
  workspaceId: string,
  from: number,
  to: number,
): Promise<Array<Pick<CsatSurveyRow, 'status' | 'score' | 'sent_at' | 'assignee_id' | 'team_id'>>> {
  return db
    .selectFrom('csat_survey')
    .select(['status', 'score', 'sent_at', 'assignee_id', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .execute();
}

/**
 * Counts a hit in a fixed window of the shared rate-limit table and returns the count so far;
 * one upsert, so several API processes share the counters.
 */
export async function hitRateLimit(
  db: Executor,
  key: string,
  windowStart: number,
): Promise<number> {
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limit.window_start', '=', windowStart)
          .then(eb('rate_limit.hits', '+', 1))
          .else(1)
          .end(),
        window_start: windowStart,
      })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}
