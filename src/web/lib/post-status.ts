import type { Post, PostStatus, TargetStatus } from '../../shared/publishing.ts';

export const POST_STATUS_COLORS: Record<PostStatus, string> = {
  draft: 'gray',
  in_review: 'yellow',
  changes_requested: 'orange',
  approved: 'cyan',
  scheduled: 'blue',
  publishing: 'indigo',
  published: 'teal',
  failed: 'red',
  unconfirmed: 'grape',
  canceled: 'dark',
};

export const TARGET_STATUS_COLORS: Record<TargetStatus, string> = {
  pending: 'gray',
  scheduled: 'blue',
  publishing: 'indigo',
  published: 'teal',
  failed: 'red',
  unconfirmed: 'grape',
  canceled: 'dark',
};

/** The words a list shows for a post: its title, or the start of its text. */
export function postLabel(post: Pick<Post, 'title' | 'body'>, length = 80): string {
  const title = post.title?.trim();
  if (title) return title;
  const text = post.body.replace(/\s+/g, ' ').trim();
  const chars = [...text];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}

/** Statuses in which the text may still change (mirrors the server's rule). */
export function isEditable(status: PostStatus): boolean {
  return ['draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'failed'].includes(
    status,
  );
}

/** Whether the post may be put on (or moved to) a slot right now. */
export function canBeScheduled(status: PostStatus, approvalRequired: boolean): boolean {
  if (['approved', 'scheduled', 'failed'].includes(status)) return true;
  return !approvalRequired && ['draft', 'changes_requested'].includes(status);
}

export function canBeCanceled(status: PostStatus): boolean {
  return !['published', 'publishing', 'canceled', 'unconfirmed'].includes(status);
}
