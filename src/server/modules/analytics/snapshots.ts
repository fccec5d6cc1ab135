import type { PostMetrics } from '../../connectors/index.ts';
import type { MetricSnapshotRow } from '../../db/schema.ts';

/** A stored snapshot from what a platform reported for one post. */
export function snapshotFromMetrics(
  workspaceId: string,
  channelId: string,
  targetId: string,
  metrics: PostMetrics,
  source: 'collect' | 'backfill' = 'collect',
): MetricSnapshotRow {
  return {
    workspace_id: workspaceId,
    target_id: targetId,
    observed_at: metrics.observedAt,
    channel_id: channelId,
    impressions: metrics.impressions,
    reach: metrics.reach,
    likes: metrics.likes,
    comments: metrics.comments,
    shares: metrics.shares,
    saves: metrics.saves,
    clicks: metrics.clicks,
    views: null,
    follows: null,
    conversions: null,
    revenue: null,
    currency: null,
    source,
    import_id: null,
  };
}

export function engagementOf(
  row: Pick<MetricSnapshotRow, 'likes' | 'comments' | 'shares' | 'saves'>,
): number {
  return row.likes + row.comments + row.shares + (row.saves ?? 0);
}
