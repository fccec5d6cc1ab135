import {
  feedbackScore,
  OPEN_STATUSES,
  type FeedbackCategory,
  type FeedbackCluster,
  type FeedbackDepartment,
  type FeedbackEvent,
  type FeedbackForm,
  type FeedbackStatus,
  type FeedbackTicket,
} from '../../../shared/feedback.ts';
import type { Actor } from '../../http/route.ts';
import { toIso } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type {
  FeedbackCategoryRow,
  FeedbackClusterRow,
  FeedbackDepartmentRow,
  FeedbackEventRow,
  FeedbackTicketRow,
} from './feedback-tables.ts';
import type { FormWithCount, TicketWithCluster } from './feedback.repo.ts';

export function isOverdue(row: Pick<FeedbackTicketRow, 'deadline' | 'status'>, now: number) {
  return (
    row.deadline !== null &&
    row.deadline < now &&
    OPEN_STATUSES.includes(row.status as FeedbackStatus)
  );
}

export function presentTicket(row: TicketWithCluster, now: number): FeedbackTicket {
  const impact = row.impact_override ?? row.cluster_impact;
  return {
    id: row.id,
    source: row.source as FeedbackTicket['source'],
    status: row.status as FeedbackTicket['status'],
    text: row.text,
    contact: { name: row.contact_name, email: row.contact_email, handle: row.contact_handle },
    channelId: row.channel_id,
    messageId: row.message_id,
    conversationId: row.conversation_id,
    formId: row.form_id,
    importId: row.import_id,
    raiser: { followers: row.raiser_followers, vip: row.raiser_vip === 1 },
    cluster: {
      id: row.cluster_id,
      title: row.cluster_title,
      tickets: row.cluster_tickets,
      people: row.cluster_people,
    },
    categoryId: row.category_id,
    departmentId: row.department_id,
    ownerId: row.owner_id,
    deadline: toIso(row.deadline),
    overdue: isOverdue(row, now),
    impact,
    autoImpact: row.cluster_impact,
    impactOverride: row.impact_override,
    urgency: row.urgency,
    cost: row.cost,
    score: feedbackScore({ impact, urgency: row.urgency, cost: row.cost }),
    resolution: row.resolution,
    publicTitle: row.public_title,
    onBoard: row.on_board === 1,
    followUp: {
      state: row.follow_up_state as FeedbackTicket['followUp']['state'],
      outcome: row.follow_up_outcome as FeedbackTicket['followUp']['outcome'],
      note: row.follow_up_note,
      notifiedAt: toIso(row.notified_at),
      error: row.notify_error,
      confirmedAt: toIso(row.follow_up_at),
      confirmedBy: row.follow_up_by,
    },
    outcomeAt: toIso(row.outcome_at),
    closedAt: toIso(row.closed_at),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** What the audit log keeps of a ticket: the workflow fields, not the raiser's words. */
export function auditTicket(row: FeedbackTicketRow) {
  return {
    source: row.source,
    status: row.status,
    textLength: row.text.length,
    clusterId: row.cluster_id,
    categoryId: row.category_id,
    departmentId: row.department_id,
    ownerId: row.owner_id,
    deadline: toIso(row.deadline),
    urgency: row.urgency,
    cost: row.cost,
    impactOverride: row.impact_override,
    outcome: row.outcome,
    followUp: row.follow_up_state,
  };
}

export function presentCluster(row: FeedbackClusterRow): FeedbackCluster {
  return {
    id: row.id,
    title: row.title,
    tickets: Number(row.ticket_count),
    people: Number(row.people_count),
    maxFollowers: Number(row.max_followers),
    vip: Number(row.has_vip) === 1,
    impact: Number(row.impact),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentCategory(row: FeedbackCategoryRow): FeedbackCategory {
  return { id: row.id, name: row.name, position: row.position };
}

export function presentDepartment(row: FeedbackDepartmentRow): FeedbackDepartment {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    slaHours: row.sla_hours,
    defaultOwnerId: row.default_owner_id,
  };
}

export function presentForm(row: FormWithCount): FeedbackForm {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    intro: row.intro,
    enabled: row.enabled === 1,
    askContact: row.ask_contact === 1,
    defaultCategoryId: row.default_category_id,
    submissions: row.submissions,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentEvent(row: FeedbackEventRow): FeedbackEvent {
  return {
    id: row.id,
    kind: row.kind,
    detail: JSON.parse(row.detail_json) as Record<string, unknown>,
    actor: { userId: row.actor_user_id, label: row.actor_label },
    createdAt: toIso(row.created_at),
  };
}

/** A cluster's title: the first words of the ticket that started it, on one line. */
export function clusterTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/** One line of a ticket's history. */
export function historyEvent(
  workspaceId: string,
  ticketId: string,
  actor: Actor,
  kind: string,
  detail: Record<string, unknown>,
  now: number,
): FeedbackEventRow {
  return {
    workspace_id: workspaceId,
    id: newId(now),
    ticket_id: ticketId,
    kind,
    detail_json: JSON.stringify(detail),
    actor_user_id: actor.userId,
    actor_label: actor.label,
    created_at: now,
  };
}
