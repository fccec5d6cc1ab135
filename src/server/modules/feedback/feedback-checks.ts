import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../platform/app-error.ts';
import { DEFAULT_SIMILARITY } from './clustering.ts';
import type { FeedbackSettingsRow } from './feedback-tables.ts';
import * as repo from './feedback.repo.ts';

/** A 400 naming each bad field. */
export function invalid(fields: Record<string, string>, where = 'body'): AppError {
  return new AppError('validation_failed', `Invalid ${where}: ${Object.keys(fields).join(', ')}`, {
    fields,
  });
}

/** A public address nobody can guess from the workspace. */
export function randomSlug(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The workspace's settings, or the defaults when it changed none. */
export async function settingsOf(
  executor: Executor,
  workspaceId: string,
): Promise<FeedbackSettingsRow> {
  return (
    (await repo.findSettings(executor, workspaceId)) ?? {
      workspace_id: workspaceId,
      similarity_permille: Math.round(DEFAULT_SIMILARITY * 1000),
      board_enabled: 0,
      board_slug: null,
      board_title: '',
      board_intro: '',
      updated_at: 0,
    }
  );
}

/** Names in a body must be rows of this workspace (or members, for owners): else a 400. */
export async function checkReferences(
  db: Db,
  workspaceId: string,
  refs: {
    categoryId?: string | null | undefined;
    departmentId?: string | null | undefined;
    ownerId?: string | null | undefined;
    defaultOwnerId?: string | null | undefined;
    defaultCategoryId?: string | null | undefined;
  },
): Promise<void> {
  const fields: Record<string, string> = {};
  for (const key of ['categoryId', 'defaultCategoryId'] as const) {
    const id = refs[key];
    if (id && !(await repo.findCategory(db.kysely, workspaceId, id))) {
      fields[key] = 'no such category in this workspace';
    }
  }
  if (
    refs.departmentId &&
    !(await repo.findDepartment(db.kysely, workspaceId, refs.departmentId))
  ) {
    fields.departmentId = 'no such department in this workspace';
  }
  for (const key of ['ownerId', 'defaultOwnerId'] as const) {
    const id = refs[key];
    if (id && !(await repo.isMember(db.kysely, workspaceId, id))) {
      fields[key] = 'not a member of this workspace';
    }
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
}
