import {
  CONTEXT_VARIABLES,
  extractVariables,
  renderTemplate,
  replyLanguageOf,
  type CannedCategory,
  type CannedReply,
  type CannedReplyQuery,
  type CannedStats,
  type CreateCannedReplyBody,
  type RecordUseBody,
  type RenderBody,
  type RenderResult,
  type ReplyLanguage,
  type SuggestBody,
  type Suggestion,
  type UpdateCannedReplyBody,
} from '../../../shared/routing.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { detectLanguage } from '../../text/language.ts';
import { normalizeForMatch } from '../../text/normalize.ts';
import * as repo from './canned.repo.ts';
import { rankReplies } from './canned-ranking.ts';
import type { InboxConversationFacts, InboxRef } from './inbox-port.ts';
import type { CannedReplyRow } from './routing-tables.ts';
import { findWorkspace } from './rules.repo.ts';

/** Suggestions weigh uses of the last 90 days: what the team reaches for now. */
const RECENT_USAGE_MS = 90 * 24 * 60 * 60 * 1000;

export interface CannedDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  inbox: InboxRef;
}

function parseList(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function variablesOf(row: Pick<CannedReplyRow, 'body_zh' | 'body_en'>): string[] {
  return [
    ...new Set([...extractVariables(row.body_zh ?? ''), ...extractVariables(row.body_en ?? '')]),
  ];
}

function present(row: CannedReplyRow, usage: repo.UsageSummary | undefined): CannedReply {
  const variables = variablesOf(row);
  return {
    id: row.id,
    categoryId: row.category_id,
    title: row.title,
    shortcut: row.shortcut,
    intents: parseList(row.intents_json),
    variants: { zh: row.body_zh, en: row.body_en },
    variables,
    agentVariables: variables.filter(
      (variable) => !(CONTEXT_VARIABLES as readonly string[]).includes(variable),
    ),
    usage: {
      usedCount: usage?.used ?? 0,
      lastUsedAt: toIso(usage?.last_used_at ?? null),
      lastUsedBy: usage?.last_used_by ?? null,
      resolutionRate:
        usage && usage.in_conversations > 0 ? usage.resolved_after / usage.in_conversations : null,
    },
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The values OpsLoop fills itself: the contact, the agent, the workspace. */
export function contextValues(input: {
  conversation: Pick<InboxConversationFacts, 'contactName' | 'contactHandle'> | null;
  agentName: string | null;
  workspaceName: string | null;
}): Record<string, string | null> {
  const handle = input.conversation?.contactHandle ?? null;
  return {
    name: input.conversation?.contactName ?? handle,
    handle,
    agent_name: input.agentName,
    workspace_name: input.workspaceName,
  };
}

/** The variant to use for a language: that language when written, else the other one. */
export function pickVariant(
  row: Pick<CannedReplyRow, 'body_zh' | 'body_en'>,
  language: ReplyLanguage,
): { language: ReplyLanguage; body: string } {
  const wanted = language === 'zh' ? row.body_zh : row.body_en;
  if (wanted) return { language, body: wanted };
  const other: ReplyLanguage = language === 'zh' ? 'en' : 'zh';
  return { language: other, body: (other === 'zh' ? row.body_zh : row.body_en) ?? '' };
}

/** The canned-reply library (话术库): categories, replies in zh/en, suggestions, usage. */
export function createCannedService(deps: CannedDeps) {
  const { db, clock, audit } = deps;

  async function requireReply(workspaceId: string, replyId: string): Promise<CannedReplyRow> {
    const row = await repo.findReply(db.kysely, workspaceId, replyId);
    if (!row) throw AppError.notFound('Canned reply');
    return row;
  }

  async function requireCategory(workspaceId: string, categoryId: string) {
    const row = await repo.findCategory(db.kysely, workspaceId, categoryId);
    if (!row) throw AppError.notFound('Category');
    return row;
  }

  async function presentOne(workspaceId: string, row: CannedReplyRow): Promise<CannedReply> {
    const usage = await repo.summariseUsage(db.kysely, workspaceId, 0, [row.id]);
    return present(row, usage.get(row.id));
  }

  async function checkReply(
    workspaceId: string,
    body: { categoryId?: string | null | undefined; shortcut?: string | null | undefined },
    replyId?: string,
  ): Promise<void> {
    const fields: Record<string, string> = {};
    if (body.categoryId && !(await repo.findCategory(db.kysely, workspaceId, body.categoryId))) {
      fields.categoryId = 'no such category in this workspace';
    }
    if (body.shortcut) {
      const taken = await repo.findReplyByShortcut(db.kysely, workspaceId, body.shortcut);
      if (taken && taken.id !== replyId) {
        fields.shortcut = `/${body.shortcut} is already used by “${taken.title}”`;
      }
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
  }

  /** Two saves racing for one shortcut: the unique index refuses the second. */
  function shortcutRace(error: unknown, shortcut: string | null | undefined): never {
    const message = error instanceof Error ? error.message : '';
    if (shortcut && /unique|duplicate/i.test(message)) {
      throw new AppError('validation_failed', 'Invalid body: shortcut', {
        fields: { shortcut: `/${shortcut} is already used` },
      });
    }
    throw error;
  }

  async function workspaceName(workspaceId: string): Promise<string | null> {
    return (await findWorkspace(db.kysely, workspaceId))?.name ?? null;
  }

  return {
    requireReply,

    // ── categories ──────────────────────────────────────────────────────────
    async listCategories(scope: WorkspaceScope): Promise<CannedCategory[]> {
      return (await repo.listCategories(db.kysely, scope.workspaceId)).map((row) => ({
        id: row.id,
        name: row.name,
        position: row.position,
        replyCount: row.reply_count,
      }));
    },

    async createCategory(
      scope: WorkspaceScope,
      body: { name: string },
      actor: Actor,
    ): Promise<CannedCategory> {
      const now = clock.now();
      const row = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        position: await repo.nextCategoryPosition(db.kysely, scope.workspaceId),
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertCategory(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'canned.category.create',
        targetType: 'canned_category',
        targetId: row.id,
        after: { name: row.name },
      });
      return { id: row.id, name: row.name, position: row.position, replyCount: 0 };
    },

    async updateCategory(
      scope: WorkspaceScope,
      categoryId: string,
      body: { name?: string | undefined; position?: number | undefined },
      actor: Actor,
    ): Promise<CannedCategory> {
      const before = await requireCategory(scope.workspaceId, categoryId);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        updated_at: clock.now(),
      };
      await audit.change(
        actor,
        (trx) => repo.updateCategory(trx, scope.workspaceId, categoryId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'canned.category.update',
          targetType: 'canned_category',
          targetId: categoryId,
          before: { name: before.name, position: before.position },
          after: body,
        },
      );
      const all = await repo.listCategories(db.kysely, scope.workspaceId);
      const row = all.find((entry) => entry.id === categoryId)!;
      return { id: row.id, name: row.name, position: row.position, replyCount: row.reply_count };
    },

    async removeCategory(scope: WorkspaceScope, categoryId: string, actor: Actor): Promise<void> {
      const before = await requireCategory(scope.workspaceId, categoryId);
      await audit.change(actor, (trx) => repo.deleteCategory(trx, scope.workspaceId, categoryId), {
        workspaceId: scope.workspaceId,
        action: 'canned.category.remove',
        targetType: 'canned_category',
        targetId: categoryId,
        before: { name: before.name },
      });
    },

    // ── replies ─────────────────────────────────────────────────────────────
    async listReplies(scope: WorkspaceScope, query: CannedReplyQuery): Promise<CannedReply[]> {
      const [rows, usage] = await Promise.all([
        repo.listReplies(db.kysely, scope.workspaceId, { categoryId: query.categoryId }),
        repo.summariseUsage(db.kysely, scope.workspaceId, 0),
      ]);
      const q = query.q ? normalizeForMatch(query.q.replace(/^\//, '')).text : '';
      return rows
        .filter(
          (row) =>
            !q ||
            normalizeForMatch(
              `${row.title} ${row.shortcut ?? ''} ${row.body_zh ?? ''} ${row.body_en ?? ''}`,
            ).text.includes(q),
        )
        .map((row) => present(row, usage.get(row.id)));
    },

    async getReply(scope: WorkspaceScope, replyId: string): Promise<CannedReply> {
      return presentOne(scope.workspaceId, await requireReply(scope.workspaceId, replyId));
    },

    async createReply(
      scope: WorkspaceScope,
      body: CreateCannedReplyBody,
      actor: Actor,
    ): Promise<CannedReply> {
      await checkReply(scope.workspaceId, body);
      const now = clock.now();
      const row: CannedReplyRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        category_id: body.categoryId ?? null,
        title: body.title,
        shortcut: body.shortcut ?? null,
        intents_json: JSON.stringify(body.intents ?? []),
        body_zh: body.variants.zh ?? null,
        body_en: body.variants.en ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await audit
        .change(actor, (trx) => repo.insertReply(trx, row), {
          workspaceId: scope.workspaceId,
          action: 'canned.reply.create',
          targetType: 'canned_reply',
          targetId: row.id,
          after: present(row, undefined),
        })
        .catch((error: unknown) => shortcutRace(error, row.shortcut));
      return present(row, undefined);
    },

    async updateReply(
      scope: WorkspaceScope,
      replyId: string,
      body: UpdateCannedReplyBody,
      actor: Actor,
    ): Promise<CannedReply> {
      const before = await requireReply(scope.workspaceId, replyId);
      await checkReply(scope.workspaceId, body, replyId);
      const changes = {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.categoryId !== undefined ? { category_id: body.categoryId } : {}),
        ...(body.shortcut !== undefined ? { shortcut: body.shortcut } : {}),
        ...(body.intents !== undefined ? { intents_json: JSON.stringify(body.intents) } : {}),
        ...(body.variants !== undefined
          ? { body_zh: body.variants.zh ?? null, body_en: body.variants.en ?? null }
          : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit
        .change(actor, (trx) => repo.updateReply(trx, scope.workspaceId, replyId, changes), {
          workspaceId: scope.workspaceId,
          action: 'canned.reply.update',
          targetType: 'canned_reply',
          targetId: replyId,
          before: present(before, undefined),
          after: present(after, undefined),
        })
        .catch((error: unknown) => shortcutRace(error, body.shortcut));
      return presentOne(scope.workspaceId, after);
    },

    async removeReply(scope: WorkspaceScope, replyId: string, actor: Actor): Promise<void> {
      const before = await requireReply(scope.workspaceId, replyId);
      await audit.change(actor, (trx) => repo.deleteReply(trx, scope.workspaceId, replyId), {
        workspaceId: scope.workspaceId,
        action: 'canned.reply.remove',
        targetType: 'canned_reply',
        targetId: replyId,
        before: present(before, undefined),
      });
    },

    // ── composing ───────────────────────────────────────────────────────────
    async suggest(scope: WorkspaceScope, body: SuggestBody): Promise<Suggestion[]> {
      const now = clock.now();
      const [rows, usage] = await Promise.all([
        repo.listReplies(db.kysely, scope.workspaceId),
        repo.summariseUsage(db.kysely, scope.workspaceId, now - RECENT_USAGE_MS),
      ]);
      const text = body.text ?? '';
      const ranked = rankReplies(
        rows.map((row) => ({
          row,
          id: row.id,
          title: row.title,
          shortcut: row.shortcut,
          intents: parseList(row.intents_json),
          variants: { zh: row.body_zh, en: row.body_en },
          recentUses: usage.get(row.id)?.recent ?? 0,
        })),
        {
          text,
          intent: body.intent,
          language: body.language,
          q: body.q,
          defaultLanguage: text.trim() ? detectLanguage(text) : 'zh',
        },
        body.limit ?? 8,
      );
      return ranked.map((entry) => ({
        reply: present(entry.reply.row, usage.get(entry.reply.id)),
        language: entry.language,
        score: entry.score,
        reasons: entry.reasons,
      }));
    },

    /**
     * Fills a reply's variables: the contact's from the conversation, the agent's name, the
     * workspace's name, and whatever the agent typed. What stays unfilled is reported.
     */
    async render(
      scope: WorkspaceScope,
      replyId: string,
      body: RenderBody,
      agentName: string | null,
    ): Promise<RenderResult> {
      const row = await requireReply(scope.workspaceId, replyId);
      let conversation: InboxConversationFacts | null = null;
      if (body.conversationId) {
        [conversation = null] = await deps.inbox.current.getConversations(scope.workspaceId, [
          body.conversationId,
        ]);
        if (!conversation && deps.inbox.connected) throw AppError.notFound('Conversation');
      }
      const variant = pickVariant(row, body.language);
      const rendered = renderTemplate(variant.body, {
        ...contextValues({
          conversation,
          agentName,
          workspaceName: await workspaceName(scope.workspaceId),
        }),
        ...body.values,
      });
      return { ...rendered, language: variant.language };
    },

    /** Renders a reply for an automatic answer; nothing is sent while a variable is missing. */
    async renderAutomatic(
      workspaceId: string,
      replyId: string,
      conversation: InboxConversationFacts,
      messageLanguage: string | null,
    ): Promise<{ text: string; missing: string[]; title: string } | null> {
      const row = await repo.findReply(db.kysely, workspaceId, replyId);
      if (!row) return null;
      const language = replyLanguageOf(messageLanguage ?? conversation.language) ?? 'zh';
      const variant = pickVariant(row, language);
      const rendered = renderTemplate(
        variant.body,
        contextValues({
          conversation,
          agentName: null,
          workspaceName: await workspaceName(workspaceId),
        }),
      );
      return { text: rendered.text, missing: rendered.missing, title: row.title };
    },

    async recordUse(
      scope: WorkspaceScope,
      replyId: string,
      body: RecordUseBody,
      userId: string | null,
    ): Promise<void> {
      await requireReply(scope.workspaceId, replyId);
      const now = clock.now();
      await repo.insertUse(db.kysely, {
        workspace_id: scope.workspaceId,
        id: newId(now),
        reply_id: replyId,
        conversation_id: body.conversationId ?? null,
        language: body.language,
        used_by: userId,
        used_at: now,
        resolved_at: null,
      });
    },

    /** Records a use made by a rule's automatic answer. */
    async recordAutomaticUse(
      workspaceId: string,
      replyId: string,
      conversationId: string,
      language: ReplyLanguage,
    ): Promise<void> {
      const now = clock.now();
      await repo.insertUse(db.kysely, {
        workspace_id: workspaceId,
        id: newId(now),
        reply_id: replyId,
        conversation_id: conversationId,
        language,
        used_by: null,
        used_at: now,
        resolved_at: null,
      });
    },

    async stats(scope: WorkspaceScope, replyId: string): Promise<CannedStats> {
      await requireReply(scope.workspaceId, replyId);
      const uses = await repo.listUses(db.kysely, scope.workspaceId, replyId);
      const byUser = new Map<string | null, { count: number; lastUsedAt: number }>();
      const byLanguage = new Map<ReplyLanguage, number>();
      let inConversations = 0;
      let resolvedAfter = 0;
      for (const use of uses) {
        const entry = byUser.get(use.used_by) ?? { count: 0, lastUsedAt: use.used_at };
        entry.count += 1;
        entry.lastUsedAt = Math.max(entry.lastUsedAt, use.used_at);
        byUser.set(use.used_by, entry);
        const language = use.language === 'en' ? 'en' : 'zh';
        byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
        if (use.conversation_id) {
          inConversations += 1;
          if (use.resolved_at !== null) resolvedAfter += 1;
        }
      }
      return {
        usedCount: uses.length,
        lastUsedAt: toIso(uses[0]?.used_at ?? null),
        inConversations,
        resolvedAfter,
        resolutionRate: inConversations > 0 ? resolvedAfter / inConversations : null,
        byUser: [...byUser]
          .map(([userId, entry]) => ({
            userId,
            count: entry.count,
            lastUsedAt: toIso(entry.lastUsedAt),
          }))
          .sort((a, b) => b.count - a.count),
        byLanguage: [...byLanguage].map(([language, count]) => ({ language, count })),
      };
    },

    async markResolved(workspaceId: string, conversationId: string, resolvedAt: number) {
      await repo.markResolved(db.kysely, workspaceId, conversationId, resolvedAt);
    },
  };
}

export type CannedService = ReturnType<typeof createCannedService>;
