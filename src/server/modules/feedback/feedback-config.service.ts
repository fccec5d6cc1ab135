import type {
  CategoryBody,
  CreateFeedbackFormBody,
  DepartmentBody,
  FeedbackCategory,
  FeedbackDepartment,
  FeedbackForm,
  FeedbackSettings,
  UpdateCategoryBody,
  UpdateDepartmentBody,
  UpdateFeedbackFormBody,
  UpdateFeedbackSettingsBody,
} from '../../../shared/feedback.ts';
import type { Db } from '../../db/database.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { checkReferences, randomSlug, settingsOf } from './feedback-checks.ts';
import type { FeedbackSettingsRow } from './feedback-tables.ts';
import * as repo from './feedback.repo.ts';
import { presentCategory, presentDepartment, presentForm } from './present.ts';

/**
 * How a workspace sets feedback up: the clustering threshold, the public board, categories,
 * responsible departments with their deadlines and default owners, and public forms.
 */
export function createFeedbackConfig(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;

  async function getSettings(scope: WorkspaceScope): Promise<FeedbackSettings> {
    const [settings, categories, departments] = await Promise.all([
      settingsOf(db.kysely, scope.workspaceId),
      repo.listCategories(db.kysely, scope.workspaceId),
      repo.listDepartments(db.kysely, scope.workspaceId),
    ]);
    return {
      similarityThreshold: settings.similarity_permille / 1000,
      board: {
        enabled: settings.board_enabled === 1,
        slug: settings.board_slug,
        title: settings.board_title,
        intro: settings.board_intro,
      },
      categories: categories.map(presentCategory),
      departments: departments.map(presentDepartment),
    };
  }

  return {
    // ── settings, categories, departments ─────────────────────────────────────
    getSettings,

    async updateSettings(
      scope: WorkspaceScope,
      body: UpdateFeedbackSettingsBody,
      actor: Actor,
    ): Promise<FeedbackSettings> {
      const workspaceId = scope.workspaceId;
      const before = await settingsOf(db.kysely, workspaceId);
      const after: FeedbackSettingsRow = { ...before, updated_at: clock.now() };
      if (body.similarityThreshold !== undefined) {
        after.similarity_permille = Math.round(body.similarityThreshold * 1000);
      }
      if (body.board) {
        if (body.board.enabled !== undefined) after.board_enabled = body.board.enabled ? 1 : 0;
        if (body.board.title !== undefined) after.board_title = body.board.title;
        if (body.board.intro !== undefined) after.board_intro = body.board.intro;
        if (body.board.slug !== undefined && body.board.slug !== before.board_slug) {
          if (await repo.isSlugTaken(db.kysely, body.board.slug)) {
            throw new AppError('conflict', 'That address is taken; choose another', {
              fields: { 'board.slug': 'taken' },
            });
          }
          after.board_slug = body.board.slug;
        }
      }
      if (after.board_enabled === 1 && !after.board_slug) {
        let slug = randomSlug();
        while (await repo.isSlugTaken(db.kysely, slug)) slug = randomSlug();
        after.board_slug = slug;
      }
      await audit.change(actor, (trx) => repo.upsertSettings(trx, after), {
        workspaceId,
        action: 'feedback.settings.update',
        targetType: 'workspace',
        targetId: workspaceId,
        before,
        after,
      });
      return getSettings(scope);
    },

    async createCategory(
      scope: WorkspaceScope,
      body: CategoryBody,
      actor: Actor,
    ): Promise<FeedbackCategory> {
      const existing = await repo.listCategories(db.kysely, scope.workspaceId);
      if (existing.some((row) => row.name.toLowerCase() === body.name.toLowerCase())) {
        throw new AppError('conflict', `A category named "${body.name}" exists`, {
          fields: { name: 'taken' },
        });
      }
      const now = clock.now();
      const row = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        position: body.position ?? existing.length,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertCategory(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'feedback.category.create',
        targetType: 'feedback_category',
        targetId: row.id,
        after: presentCategory(row),
      });
      return presentCategory(row);
    },

    async updateCategory(
      scope: WorkspaceScope,
      categoryId: string,
      body: UpdateCategoryBody,
      actor: Actor,
    ): Promise<FeedbackCategory> {
      const before = await repo.findCategory(db.kysely, scope.workspaceId, categoryId);
      if (!before) throw AppError.notFound('Category');
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateCategory(trx, scope.workspaceId, categoryId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'feedback.category.update',
          targetType: 'feedback_category',
          targetId: categoryId,
          before: presentCategory(before),
          after: presentCategory(after),
        },
      );
      return presentCategory(after);
    },

    async removeCategory(scope: WorkspaceScope, categoryId: string, actor: Actor) {
      const before = await repo.findCategory(db.kysely, scope.workspaceId, categoryId);
      if (!before) throw AppError.notFound('Category');
      await audit.change(actor, (trx) => repo.deleteCategory(trx, scope.workspaceId, categoryId), {
        workspaceId: scope.workspaceId,
        action: 'feedback.category.remove',
        targetType: 'feedback_category',
        targetId: categoryId,
        before: presentCategory(before),
      });
    },

    async createDepartment(
      scope: WorkspaceScope,
      body: DepartmentBody,
      actor: Actor,
    ): Promise<FeedbackDepartment> {
      await checkReferences(db, scope.workspaceId, { defaultOwnerId: body.defaultOwnerId });
      const existing = await repo.listDepartments(db.kysely, scope.workspaceId);
      if (existing.some((row) => row.name.toLowerCase() === body.name.toLowerCase())) {
        throw new AppError('conflict', `A department named "${body.name}" exists`, {
          fields: { name: 'taken' },
        });
      }
      const now = clock.now();
      const row = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        position: body.position ?? existing.length,
        sla_hours: body.slaHours ?? null,
        default_owner_id: body.defaultOwnerId ?? null,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertDepartment(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'feedback.department.create',
        targetType: 'feedback_department',
        targetId: row.id,
        after: presentDepartment(row),
      });
      return presentDepartment(row);
    },

    async updateDepartment(
      scope: WorkspaceScope,
      departmentId: string,
      body: UpdateDepartmentBody,
      actor: Actor,
    ): Promise<FeedbackDepartment> {
      const before = await repo.findDepartment(db.kysely, scope.workspaceId, departmentId);
      if (!before) throw AppError.notFound('Department');
      await checkReferences(db, scope.workspaceId, { defaultOwnerId: body.defaultOwnerId });
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
        ...(body.slaHours !== undefined ? { sla_hours: body.slaHours } : {}),
        ...(body.defaultOwnerId !== undefined ? { default_owner_id: body.defaultOwnerId } : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateDepartment(trx, scope.workspaceId, departmentId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'feedback.department.update',
          targetType: 'feedback_department',
          targetId: departmentId,
          before: presentDepartment(before),
          after: presentDepartment(after),
        },
      );
      return presentDepartment(after);
    },

    async removeDepartment(scope: WorkspaceScope, departmentId: string, actor: Actor) {
      const before = await repo.findDepartment(db.kysely, scope.workspaceId, departmentId);
      if (!before) throw AppError.notFound('Department');
      await audit.change(
        actor,
        (trx) => repo.deleteDepartment(trx, scope.workspaceId, departmentId),
        {
          workspaceId: scope.workspaceId,
          action: 'feedback.department.remove',
          targetType: 'feedback_department',
          targetId: departmentId,
          before: presentDepartment(before),
        },
      );
    },

    // ── forms ─────────────────────────────────────────────────────────────────
    async listForms(scope: WorkspaceScope): Promise<FeedbackForm[]> {
      return (await repo.listForms(db.kysely, scope.workspaceId)).map(presentForm);
    },

    async createForm(
      scope: WorkspaceScope,
      body: CreateFeedbackFormBody,
      actor: Actor,
    ): Promise<FeedbackForm> {
      await checkReferences(db, scope.workspaceId, { defaultCategoryId: body.defaultCategoryId });
      let slug = body.slug;
      if (slug && (await repo.isSlugTaken(db.kysely, slug))) {
        throw new AppError('conflict', 'That address is taken; choose another', {
          fields: { slug: 'taken' },
        });
      }
      while (!slug || (await repo.isSlugTaken(db.kysely, slug))) slug = randomSlug();
      const now = clock.now();
      const row = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        slug,
        title: body.title,
        intro: body.intro ?? '',
        enabled: body.enabled === false ? 0 : 1,
        ask_contact: body.askContact === false ? 0 : 1,
        default_category_id: body.defaultCategoryId ?? null,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertForm(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'feedback.form.create',
        targetType: 'feedback_form',
        targetId: row.id,
        after: row,
      });
      return presentForm({ ...row, submissions: 0 });
    },

    async updateForm(
      scope: WorkspaceScope,
      formId: string,
      body: UpdateFeedbackFormBody,
      actor: Actor,
    ): Promise<FeedbackForm> {
      const before = await repo.findForm(db.kysely, scope.workspaceId, formId);
      if (!before) throw AppError.notFound('Form');
      await checkReferences(db, scope.workspaceId, { defaultCategoryId: body.defaultCategoryId });
      if (body.slug !== undefined && body.slug !== before.slug) {
        if (await repo.isSlugTaken(db.kysely, body.slug)) {
          throw new AppError('conflict', 'That address is taken; choose another', {
            fields: { slug: 'taken' },
          });
        }
      }
      const changes = {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.intro !== undefined ? { intro: body.intro } : {}),
        ...(body.slug !== undefined ? { slug: body.slug } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
        ...(body.askContact !== undefined ? { ask_contact: body.askContact ? 1 : 0 } : {}),
        ...(body.defaultCategoryId !== undefined
          ? { default_category_id: body.defaultCategoryId }
          : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(actor, (trx) => repo.updateForm(trx, scope.workspaceId, formId, changes), {
        workspaceId: scope.workspaceId,
        action: 'feedback.form.update',
        targetType: 'feedback_form',
        targetId: formId,
        before: presentForm(before),
        after: presentForm(after),
      });
      return presentForm(after);
    },

    async removeForm(scope: WorkspaceScope, formId: string, actor: Actor): Promise<void> {
      const before = await repo.findForm(db.kysely, scope.workspaceId, formId);
      if (!before) throw AppError.notFound('Form');
      await audit.change(actor, (trx) => repo.deleteForm(trx, scope.workspaceId, formId), {
        workspaceId: scope.workspaceId,
        action: 'feedback.form.remove',
        targetType: 'feedback_form',
        targetId: formId,
        before: presentForm(before),
      });
    },
  };
}
