import type { Executor } from '../../db/executor.ts';
import type { MetricSnapshotRow } from '../../db/schema.ts';

/** Stores snapshots; a second one for the same target and instant changes nothing. */
export async function insertSnapshots(db: Executor, rows: MetricSnapshotRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('metric_snapshot')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['workspace_id', 'target_id', 'observed_at']).doNothing())
      .execute();
  }
}

/** The newest snapshot of each target. */
export async function latestSnapshots(
  db: Executor,
  workspaceId: string,
  targetIds: readonly string[],
): Promise<MetricSnapshotRow[]> {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom('metric_snapshot as s')
    .selectAll('s')
    .where('s.workspace_id', '=', workspaceId)
    .where('s.target_id', 'in', targetIds)
    .where((eb) =>
      eb(
        's.observed_at',
        '=',
        eb
          .selectFrom('metric_snapshot as l')
          .select((inner) => inner.fn.max('l.observed_at').as('m'))
          .where('l.workspace_id', '=', workspaceId)
          .whereRef('l.target_id', '=', 's.target_id'),
      ),
    )
    .execute();
}

export interface PublishedTarget {
  id: string;
  external_id: string;
  published_at: number;
  topics_json: string;
}

/** A channel's published targets in a time window, oldest first. */
export function listPublishedTargets(
  db: Executor,
  workspaceId: string,
  channelId: string,
  since: number,
): Promise<PublishedTarget[]> {
  return db
    .selectFrom('post_target')
    .innerJoin('post', (join) =>
      join
        .onRef('post.workspace_id', '=', 'post_target.workspace_id')
        .onRef('post.id', '=', 'post_target.post_id'),
    )
    .select([
      'post_target.id',
      'post_target.external_id',
      'post_target.published_at',
      'post.topics_json',
    ])
    .where('post_target.workspace_id', '=', workspaceId)
    .where('post_target.channel_id', '=', channelId)
    .where('post_target.status', '=', 'published')
    .where('post_target.published_at', '>=', since)
    .where('post_target.external_id', 'is not', null)
    .orderBy('post_target.published_at')
    .execute() as Promise<PublishedTarget[]>;
}

/** Every channel of every workspace whose driver reports metrics: the collection sweep's list. */
export function listMetricChannels(db: Executor): Promise<{ workspace_id: string; id: string }[]> {
  return db
    .selectFrom('channel')
    .select(['workspace_id', 'id'])
    .where('platform', 'in', ['sandbox', 'bluesky'])
    .execute();
}
