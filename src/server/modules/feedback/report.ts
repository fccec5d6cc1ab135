import {
  FEEDBACK_SOURCES,
  type FeedbackReport,
  type FeedbackReportGroup,
} from '../../../shared/feedback.ts';
import { toIso } from '../../platform/clock.ts';
import type { ReportTicket } from './feedback.repo.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Median of the values, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return value;
}

function hoursToResolve(rows: readonly ReportTicket[]): number | null {
  const hours = rows
    .filter((row) => (row.outcome === 'resolved' || row.outcome === 'adopted') && row.outcome_at)
    .map((row) => ((row.outcome_at ?? 0) - row.created_at) / HOUR_MS);
  const value = median(hours);
  return value === null ? null : Math.round(value * 10) / 10;
}

export interface ReportInput {
  from: number;
  to: number;
  received: ReportTicket[];
  outcomes: ReportTicket[];
  overdue: ReportTicket[];
  followUps: ReportTicket[];
  open: number;
  categories: { id: string; name: string }[];
  departments: { id: string; name: string }[];
  clusters: Map<string, { title: string; people: number; impact: number }>;
}

/**
 * The improvement report (改进报告) of a period: what came in, what was resolved, adopted or
 * declined and how fast, per category and department; the suggestions adopted and the clusters
 * most people raised.
 */
export function buildReport(input: ReportInput): FeedbackReport {
  const groupBy = (
    defined: { id: string; name: string }[],
    key: (row: ReportTicket) => string | null,
  ): FeedbackReportGroup[] => {
    const known = new Map(defined.map((item) => [item.id, item.name]));
    const ids = new Set<string | null>(defined.map((item) => item.id));
    for (const row of [...input.received, ...input.outcomes, ...input.overdue]) {
      const id = key(row);
      // A ticket filed under something since deleted is shown with those without one.
      ids.add(id !== null && known.has(id) ? id : null);
    }
    const belongs = (row: ReportTicket, id: string | null) => {
      const own = key(row);
      return id === null ? own === null || !known.has(own) : own === id;
    };
    return [...ids].map((id) => {
      const outcomes = input.outcomes.filter((row) => belongs(row, id));
      return {
        id,
        name: id === null ? null : (known.get(id) ?? null),
        received: input.received.filter((row) => belongs(row, id)).length,
        resolved: outcomes.filter((row) => row.outcome === 'resolved').length,
        adopted: outcomes.filter((row) => row.outcome === 'adopted').length,
        declined: outcomes.filter((row) => row.outcome === 'declined').length,
        medianHoursToResolve: hoursToResolve(outcomes),
        openOverdue: input.overdue.filter((row) => belongs(row, id)).length,
      };
    });
  };

  const adoptedByCluster = new Map<string, ReportTicket>();
  for (const row of [...input.outcomes].sort((a, b) => (b.outcome_at ?? 0) - (a.outcome_at ?? 0))) {
    if (row.outcome === 'adopted' && !adoptedByCluster.has(row.cluster_id)) {
      adoptedByCluster.set(row.cluster_id, row);
    }
  }

  const receivedByCluster = new Map<string, { received: number; people: Set<string> }>();
  for (const row of input.received) {
    const entry = receivedByCluster.get(row.cluster_id) ?? { received: 0, people: new Set() };
    entry.received += 1;
    entry.people.add(row.raiser_key);
    receivedByCluster.set(row.cluster_id, entry);
  }

  return {
    from: toIso(input.from),
    to: toIso(input.to),
    totals: {
      received: input.received.length,
      people: new Set(input.received.map((row) => row.raiser_key)).size,
      resolved: input.outcomes.filter((row) => row.outcome === 'resolved').length,
      adopted: input.outcomes.filter((row) => row.outcome === 'adopted').length,
      declined: input.outcomes.filter((row) => row.outcome === 'declined').length,
      closed: input.outcomes.filter((row) => row.status === 'closed').length,
      open: input.open,
      openOverdue: input.overdue.length,
      medianHoursToResolve: hoursToResolve(input.outcomes),
      followUpsConfirmed: input.followUps.length,
      followUpsSatisfied: input.followUps.filter((row) => row.follow_up_outcome === 'satisfied')
        .length,
    },
    bySource: FEEDBACK_SOURCES.map((source) => ({
      source,
      received: input.received.filter((row) => row.source === source).length,
    })),
    byCategory: groupBy(input.categories, (row) => row.category_id),
    byDepartment: groupBy(input.departments, (row) => row.department_id),
    adopted: [...adoptedByCluster.values()].map((row) => {
      const cluster = input.clusters.get(row.cluster_id);
      return {
        ticketId: row.id,
        clusterId: row.cluster_id,
        title: row.public_title ?? cluster?.title ?? '',
        change: row.resolution,
        people: cluster?.people ?? 1,
        adoptedAt: toIso(row.outcome_at ?? row.created_at),
      };
    }),
    topClusters: [...receivedByCluster.entries()]
      .sort(([, a], [, b]) => b.people.size - a.people.size || b.received - a.received)
      .slice(0, 10)
      .map(([clusterId, entry]) => {
        const cluster = input.clusters.get(clusterId);
        return {
          clusterId,
          title: cluster?.title ?? '',
          received: entry.received,
          people: entry.people.size,
          impact: cluster?.impact ?? 1,
        };
      }),
  };
}
