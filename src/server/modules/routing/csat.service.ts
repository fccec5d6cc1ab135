import { createHmac } from 'node:crypto';
import {
  renderTemplate,
  replyLanguageOf,
  type AnswerSurveyBody,
  type CsatReport,
  type CsatSettings,
  type CsatStatus,
  type CsatSurvey,
  type PublicSurvey,
  type ReplyLanguage,
  type ReportQuery,
  type UpdateCsatSettingsBody,
} from '../../../shared/routing.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { sha256 } from '../../platform/crypto/crypto.ts';
import { newId } from '../../platform/ids.ts';
import { localTime } from './business-time.ts';
import * as repo from './csat.repo.ts';
import type { InboxRef } from './inbox-port.ts';
import type { CsatSettingsRow, CsatSurveyRow } from './routing-tables.ts';
import { findWorkspace } from './rules.repo.ts';
import { period } from './sla.service.ts';
import { listTeams } from './teams.repo.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Requests to the public survey pages per address and window. */
export const SURVEY_RATE_LIMIT = { max: 30, windowMs: 10 * 60 * 1000 };

/** Off until the lead turns it on: OpsLoop does not message customers unasked. */
export const DEFAULT_CSAT: CsatSettings = {
  enabled: false,
  dmOnly: true,
  cooldownDays: 7,
  expiresHours: 72,
  messages: {
    zh: '感谢您的耐心！本次服务您满意吗？请花 10 秒打个分（1–5 分）：{link}',
    en: 'Thanks for your patience! How did we do? Rate us from 1 to 5 in ten seconds: {link}',
  },
};

export interface CsatDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  inbox: InboxRef;
  secretKey: Buffer;
  /** Where people reach OpsLoop, e.g. https://ops.example.com; survey links start with it. */
  publicUrl: string;
}

function presentSettings(row: CsatSettingsRow | undefined): CsatSettings {
  if (!row) return DEFAULT_CSAT;
  return {
    enabled: row.enabled === 1,
    dmOnly: row.dm_only === 1,
    cooldownDays: row.cooldown_days,
    expiresHours: row.expires_hours,
    messages: { zh: row.message_zh, en: row.message_en },
  };
}

function statusOf(row: CsatSurveyRow, now: number): CsatStatus {
  if (row.status === 'sent' && row.expires_at <= now) return 'expired';
  return row.status as CsatStatus;
}

function presentSurvey(row: CsatSurveyRow, now: number): CsatSurvey {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    language: row.language === 'en' ? 'en' : 'zh',
    status: statusOf(row, now),
    score: row.score,
    comment: row.comment,
    sentAt: toIso(row.sent_at),
    respondedAt: toIso(row.responded_at),
    expiresAt: toIso(row.expires_at),
  };
}

/** Customer-satisfaction surveys (满意度调查): sent after resolution, answered on a public page. */
export function createCsatService(deps: CsatDeps) {
  const { db, clock, audit } = deps;

  /**
   * The link's token, derived from the survey id and the server's secret: it can be rebuilt
   * for a retried send, and only its hash is stored, so a database dump opens no survey.
   */
  function tokenFor(surveyId: string): string {
    return createHmac('sha256', deps.secretKey)
      .update(`csat:${surveyId}`)
      .digest('base64url')
      .slice(0, 32);
  }

  async function limit(ip: string | null): Promise<void> {
    const now = clock.now();
    const windowStart = now - (now % SURVEY_RATE_LIMIT.windowMs);
    const hits = await repo.hitRateLimit(db.kysely, `csat:${ip ?? 'unknown'}`, windowStart);
    if (hits > SURVEY_RATE_LIMIT.max) {
      throw new AppError('rate_limited', 'Too many requests; wait a few minutes and try again', {
        headers: {
          'Retry-After': String(Math.ceil((windowStart + SURVEY_RATE_LIMIT.windowMs - now) / 1000)),
        },
      });
    }
  }

  async function requireByToken(token: string): Promise<CsatSurveyRow> {
    const row = await repo.findSurveyByToken(db.kysely, sha256(token));
    if (!row) throw AppError.notFound('Survey');
    return row;
  }

  return {
    tokenFor,

    async isEnabled(workspaceId: string): Promise<boolean> {
      return presentSettings(await repo.findSettings(db.kysely, workspaceId)).enabled;
    },

    async getSettings(scope: WorkspaceScope): Promise<CsatSettings> {
      return presentSettings(await repo.findSettings(db.kysely, scope.workspaceId));
    },

    async updateSettings(
      scope: WorkspaceScope,
      body: UpdateCsatSettingsBody,
      actor: Actor,
    ): Promise<CsatSettings> {
      const before = presentSettings(await repo.findSettings(db.kysely, scope.workspaceId));
      const after: CsatSettings = {
        enabled: body.enabled ?? before.enabled,
        dmOnly: body.dmOnly ?? before.dmOnly,
        cooldownDays: body.cooldownDays ?? before.cooldownDays,
        expiresHours: body.expiresHours ?? before.expiresHours,
        messages: {
          zh: body.messages?.zh ?? before.messages.zh,
          en: body.messages?.en ?? before.messages.en,
        },
      };
      await audit.change(
        actor,
        (trx) =>
          repo.saveSettings(trx, {
            workspace_id: scope.workspaceId,
            enabled: after.enabled ? 1 : 0,
            dm_only: after.dmOnly ? 1 : 0,
            cooldown_days: after.cooldownDays,
            expires_hours: after.expiresHours,
            message_zh: after.messages.zh,
            message_en: after.messages.en,
            updated_at: clock.now(),
          }),
        {
          workspaceId: scope.workspaceId,
          action: 'csat.settings.update',
          targetType: 'csat_settings',
          targetId: scope.workspaceId,
          before,
          after,
        },
      );
      return after;
    },

    /**
     * Sends the survey for a conversation's latest resolution, at most once per resolution.
     * Skipped when surveys are off, for public threads (unless allowed) and for a contact
     * asked recently. Safe to retry: the survey row is created once and the send carries an
     * idempotency key, so the customer gets one message.
     */
    async sendForResolution(
      workspaceId: string,
      conversationId: string,
    ): Promise<'sent' | 'skipped' | 'already'> {
      const [conversation] = await deps.inbox.current.getConversations(workspaceId, [
        conversationId,
      ]);
      if (!conversation || conversation.status !== 'resolved' || conversation.resolvedAt === null) {
        return 'skipped';
      }
      const settings = presentSettings(await repo.findSettings(db.kysely, workspaceId));
      if (!settings.enabled) return 'skipped';
      if (settings.dmOnly && conversation.kind !== 'direct') return 'skipped';
      const now = clock.now();
      let survey = await repo.findSurveyForResolution(
        db.kysely,
        workspaceId,
        conversation.id,
        conversation.resolvedAt,
      );
      if (!survey) {
        if (
          conversation.contactId &&
          settings.cooldownDays > 0 &&
          (await repo.surveyedSince(
            db.kysely,
            workspaceId,
            conversation.contactId,
            now - settings.cooldownDays * DAY_MS,
          ))
        ) {
          return 'skipped';
        }
        const id = newId(now);
        const language: ReplyLanguage = replyLanguageOf(conversation.language) ?? 'zh';
        await repo.insertSurvey(db.kysely, {
          workspace_id: workspaceId,
          id,
          conversation_id: conversation.id,
          contact_id: conversation.contactId,
          resolved_at: conversation.resolvedAt,
          assignee_id: conversation.assigneeId,
          team_id: conversation.teamId,
          language,
          token_hash: sha256(tokenFor(id)),
          status: 'pending',
          score: null,
          comment: null,
          sent_at: now,
          responded_at: null,
          expires_at: now + settings.expiresHours * HOUR_MS,
        });
        survey = await repo.findSurveyForResolution(
          db.kysely,
          workspaceId,
          conversation.id,
          conversation.resolvedAt,
        );
        if (!survey) return 'skipped';
      }
      if (survey.status !== 'pending') return 'already';
      const language = survey.language === 'en' ? 'en' : 'zh';
      const link = `${deps.publicUrl}/s/${tokenFor(survey.id)}`;
      const text = renderTemplate(settings.messages[language], {
        link,
        name: conversation.contactName ?? conversation.contactHandle,
      }).text;
      await deps.inbox.current.sendReply(workspaceId, conversation.id, {
        text,
        idempotencyKey: `csat:${survey.id}`,
      });
      await repo.updateSurvey(db.kysely, workspaceId, survey.id, { status: 'sent' });
      return 'sent';
    },

    /** After the last attempt to send failed: the survey stays, marked failed, out of the rates. */
    async markFailed(workspaceId: string, conversationId: string): Promise<void> {
      const [conversation] = await deps.inbox.current.getConversations(workspaceId, [
        conversationId,
      ]);
      if (!conversation?.resolvedAt) return;
      const survey = await repo.findSurveyForResolution(
        db.kysely,
        workspaceId,
        conversationId,
        conversation.resolvedAt,
      );
      if (survey?.status === 'pending') {
        await repo.updateSurvey(db.kysely, workspaceId, survey.id, { status: 'failed' });
      }
    },

    async publicSurvey(token: string, ip: string | null): Promise<PublicSurvey> {
      await limit(ip);
      const row = await requireByToken(token);
      if (row.status === 'pending' || row.status === 'failed') throw AppError.notFound('Survey');
      const workspace = await findWorkspace(db.kysely, row.workspace_id);
      const status = statusOf(row, clock.now());
      return {
        workspaceName: workspace?.name ?? '',
        language: row.language === 'en' ? 'en' : 'zh',
        status: status === 'answered' ? 'answered' : status === 'expired' ? 'expired' : 'open',
        score: row.score,
      };
    },

    /** Records the answer; a link answers once, and not after it expired. */
    async answer(token: string, body: AnswerSurveyBody, ip: string | null): Promise<PublicSurvey> {
      await limit(ip);
      const row = await requireByToken(token);
      if (row.status === 'pending' || row.status === 'failed') throw AppError.notFound('Survey');
      const now = clock.now();
      const comment = body.comment?.trim() ? body.comment.trim() : null;
      const done = await repo.answerSurvey(
        db.kysely,
        sha256(token),
        { score: body.score, comment },
        now,
      );
      if (!done) {
        const current = await requireByToken(token);
        throw new AppError(
          'conflict',
          current.responded_at !== null
            ? 'This survey was already answered. Thank you!'
            : 'This survey has expired.',
        );
      }
      const workspace = await findWorkspace(db.kysely, row.workspace_id);
      return {
        workspaceName: workspace?.name ?? '',
        language: row.language === 'en' ? 'en' : 'zh',
        status: 'answered',
        score: body.score,
      };
    },

    async listSurveys(
      scope: WorkspaceScope,
      query: { answered?: boolean | undefined; limit?: number | undefined },
    ): Promise<CsatSurvey[]> {
      const now = clock.now();
      return (
        await repo.listSurveys(db.kysely, scope.workspaceId, {
          answered: query.answered,
          limit: query.limit ?? 50,
        })
      ).map((row) => presentSurvey(row, now));
    },

    /** Average, distribution, response rate, per agent and team, and a daily trend. */
    async report(scope: WorkspaceScope, query: ReportQuery): Promise<CsatReport> {
      const { from, to } = period(query, clock.now());
      const [rows, teams, workspace] = await Promise.all([
        repo.listSurveysSent(db.kysely, scope.workspaceId, from, to),
        listTeams(db.kysely, scope.workspaceId),
        findWorkspace(db.kysely, scope.workspaceId),
      ]);
      const zone = workspace?.timezone ?? 'UTC';
      type Group = { sent: number; answered: number; sum: number; satisfied: number };
      const empty = (): Group => ({ sent: 0, answered: 0, sum: 0, satisfied: 0 });
      const totals = empty();
      const distribution = [0, 0, 0, 0, 0];
      const byAgent = new Map<string | null, Group>();
      const byTeam = new Map<string | null, Group>();
      const daily = new Map<string, Group>();
      const add = <K>(map: Map<K, Group>, key: K): Group => {
        let group = map.get(key);
        if (!group) {
          group = empty();
          map.set(key, group);
        }
        return group;
      };
      for (const row of rows) {
        // Surveys that never reached the customer are not part of the response rate.
        if (row.status !== 'sent' && row.status !== 'answered') continue;
        const groups = [
          totals,
          add(byAgent, row.assignee_id),
          add(byTeam, row.team_id),
          add(daily, localTime(row.sent_at, zone).date),
        ];
        for (const group of groups) {
          group.sent += 1;
          if (row.status === 'answered' && row.score !== null) {
            group.answered += 1;
            group.sum += row.score;
            if (row.score >= 4) group.satisfied += 1;
          }
        }
        if (row.status === 'answered' && row.score !== null && row.score >= 1 && row.score <= 5) {
          distribution[row.score - 1]! += 1;
        }
      }
      const summary = (group: Group) => ({
        sent: group.sent,
        answered: group.answered,
        responseRate: group.sent > 0 ? group.answered / group.sent : null,
        average: group.answered > 0 ? group.sum / group.answered : null,
        satisfied: group.answered > 0 ? group.satisfied / group.answered : null,
      });
      const teamNames = new Map(teams.map((team) => [team.id, team.name]));
      return {
        from: toIso(from),
        to: toIso(to),
        timezone: zone,
        totals: summary(totals),
        distribution: distribution.map((count, index) => ({ score: index + 1, count })),
        byAgent: [...byAgent]
          .map(([userId, group]) => ({ userId, ...summary(group) }))
          .sort((a, b) => b.sent - a.sent),
        byTeam: [...byTeam]
          .map(([teamId, group]) => ({
            teamId,
            name: teamId ? (teamNames.get(teamId) ?? null) : null,
            ...summary(group),
          }))
          .sort((a, b) => b.sent - a.sent),
        daily: [...daily]
          .map(([date, group]) => ({
            date,
            sent: group.sent,
            answered: group.answered,
            average: group.answered > 0 ? group.sum / group.answered : null,
          }))
          .sort((a, b) => a.date.localeCompare(b.date)),
      };
    },
  };
}

export type CsatService = ReturnType<typeof createCsatService>;
