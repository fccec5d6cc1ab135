import type { PostStatus, TargetStatus } from '../../../shared/publishing.ts';
import { AppError } from '../../platform/app-error.ts';

/**
 * The publishing state machine (DESIGN §3). A post moves through review on its own; once
 * scheduled, each (post, channel) target is delivered separately and the post's status is
 * derived from its targets.
 */
const EDITORIAL: Record<PostStatus, readonly PostStatus[]> = {
  draft: ['in_review', 'approved', 'canceled'],
  in_review: ['in_review', 'approved', 'changes_requested', 'draft', 'canceled'],
  changes_requested: ['draft', 'in_review', 'canceled'],
  approved: ['scheduled', 'draft', 'canceled'],
  scheduled: ['scheduled', 'approved', 'publishing', 'canceled'],
  publishing: [],
  published: [],
  failed: ['scheduled', 'canceled'],
  unconfirmed: [],
  canceled: ['draft'],
};

/** Throws a 409 naming both states when a person asks for a move the workflow does not allow. */
export function assertTransition(from: PostStatus, to: PostStatus): void {
  if (!EDITORIAL[from].includes(to)) {
    throw new AppError(
      'conflict',
      `A ${from.replace('_', ' ')} post cannot become ${to.replace('_', ' ')}`,
    );
  }
}

/** Statuses in which the text may still change. */
export function isEditable(status: PostStatus): boolean {
  return ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'failed'].includes(
    status,
  );
}

/**
 * The post's status once delivery has started: the least advanced target decides, so a post
 * shows `publishing` until every channel is done, and `failed`/`unconfirmed` until a person acts.
 */
export function deriveDeliveryStatus(targets: readonly TargetStatus[]): PostStatus | null {
  const live = targets.filter((status) => status !== 'canceled');
  if (live.length === 0) return targets.length ? 'canceled' : null;
  if (live.some((s) => s === 'unconfirmed')) return 'unconfirmed';
  if (live.some((s) => s === 'failed')) return 'failed';
  if (live.some((s) => s === 'publishing')) return 'publishing';
  if (live.every((s) => s === 'published')) return 'published';
  if (live.some((s) => s === 'published')) return 'publishing';
  if (live.every((s) => s === 'scheduled')) return 'scheduled';
  return null;
}
