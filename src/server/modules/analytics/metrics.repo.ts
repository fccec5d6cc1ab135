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
    .select(['id', 'external_id', 'published_at'])
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where('status', '=', 'published')
    .where('published_at', '>=', since)
    .where('external_id', 'is not', null)
    .orderBy('published_at')
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
