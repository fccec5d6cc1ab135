import type { SlaKind } from '../../../shared/routing.ts';
import { addBusinessMinutes, type BusinessCalendar } from './business-time.ts';

/**
 * How a conversation's SLA timers follow its facts. Pure: given what the inbox says about the
 * conversation now, the policy that applies and the timers already stored, it says which
 * timers to start, finish, cancel or re-time. Running it twice on the same facts changes
 * nothing, so it can run on every event and again from the breach sweep.
 *
 * - first response: from when the conversation began until the team's first reply;
 * - next response: from the first customer message after a reply until the next reply;
 * - resolution: from when the conversation began (or was reopened) until it is resolved.
 * Timers never start before the policy existed, so enabling a policy does not flood the
 * team with breaches of old conversations.
 */

export interface TimerFacts {
  status: 'open' | 'pending' | 'resolved';
  createdAt: number;
  firstResponseAt: number | null;
  waitingSince: number | null;
  lastCustomerMessageAt: number | null;
  /** When the team last replied; when unknown, a finished wait is dated "now". */
  lastResponseAt?: number | null;
  resolvedAt: number | null;
}

export interface TimerPolicy {
  id: string;
  createdAt: number;
  targets: Record<SlaKind, number | null>;
  calendar: BusinessCalendar | null;
}

export interface StoredTimer {
  id: string;
  kind: SlaKind;
  policyId: string;
  status: 'running' | 'met' | 'breached' | 'canceled';
  startedAt: number;
  dueAt: number;
  completedAt: number | null;
}

export interface TimerPlan {
  start: Array<{ kind: SlaKind; startedAt: number; dueAt: number }>;
  /** A running (or breached, still unanswered) timer reaches its end. */
  finish: Array<{ id: string; completedAt: number; status: 'met' | 'breached' }>;
  cancel: string[];
  /** A running timer moves to another policy (the conversation's priority changed). */
  retime: Array<{ id: string; policyId: string; dueAt: number }>;
}

function latest(timers: readonly StoredTimer[], kind: SlaKind): StoredTimer | undefined {
  let found: StoredTimer | undefined;
  for (const timer of timers) {
    if (timer.kind !== kind) continue;
    if (!found || timer.startedAt >= found.startedAt) found = timer;
  }
  return found;
}

function isOpen(timer: StoredTimer | undefined): timer is StoredTimer {
  // A breached timer stays open until the reply or resolution arrives, for the record.
  return (
    timer !== undefined &&
    (timer.status === 'running' || (timer.status === 'breached' && timer.completedAt === null))
  );
}

/** Plans the timer changes for one conversation. */
export function planTimers(input: {
  facts: TimerFacts;
  policy: TimerPolicy | null;
  timers: readonly StoredTimer[];
  now: number;
}): TimerPlan {
  const { facts, policy, timers, now } = input;
  const plan: TimerPlan = { start: [], finish: [], cancel: [], retime: [] };
  const finish = (timer: StoredTimer, at: number) => {
    plan.finish.push({
      id: timer.id,
      completedAt: at,
      status: timer.status === 'breached' || at > timer.dueAt ? 'breached' : 'met',
    });
  };
  const due = (kind: SlaKind, from: number) =>
    addBusinessMinutes(from, policy!.targets[kind]!, policy!.calendar);
  const notBeforePolicy = (at: number) => Math.max(at, policy?.createdAt ?? at);

  // A running timer under another policy is re-timed, or canceled when no target remains.
  for (const timer of timers) {
    if (timer.status !== 'running' || timer.policyId === policy?.id) continue;
    if (!policy || policy.targets[timer.kind] === null) plan.cancel.push(timer.id);
    else
      plan.retime.push({
        id: timer.id,
        policyId: policy.id,
        dueAt: due(timer.kind, timer.startedAt),
      });
  }
  const canceled = new Set(plan.cancel);
  const live = (timer: StoredTimer | undefined) =>
    isOpen(timer) && !canceled.has(timer.id) ? timer : undefined;
  const resolved = facts.status === 'resolved';

  // ── first response ──
  const first = latest(timers, 'first_response');
  const openFirst = live(first);
  if (facts.firstResponseAt !== null) {
    if (openFirst) finish(openFirst, facts.firstResponseAt);
  } else if (resolved) {
    if (openFirst && openFirst.status === 'running') plan.cancel.push(openFirst.id);
  } else if (!first && policy?.targets.first_response != null) {
    const startedAt = notBeforePolicy(facts.createdAt);
    plan.start.push({ kind: 'first_response', startedAt, dueAt: due('first_response', startedAt) });
  }

  // ── next response ──
  const next = latest(timers, 'next_response');
  let openNext = live(next);
  const answeredAt = facts.lastResponseAt ?? null;
  const waiting =
    !resolved &&
    facts.firstResponseAt !== null &&
    facts.waitingSince !== null &&
    facts.waitingSince > facts.firstResponseAt;
  if (openNext) {
    const repliedSince = answeredAt !== null && answeredAt >= openNext.startedAt;
    const sameWait = waiting && facts.waitingSince === openNext.startedAt;
    if (repliedSince) {
      finish(openNext, answeredAt);
      openNext = undefined;
    } else if (!sameWait) {
      // The wait ended without a known reply time: resolved without an answer (nothing was
      // missed unless it already breached), or answered at a time the inbox did not say.
      if (resolved && openNext.status === 'running') plan.cancel.push(openNext.id);
      else finish(openNext, resolved ? (facts.resolvedAt ?? now) : now);
      openNext = undefined;
    }
  }
  if (
    !openNext &&
    waiting &&
    policy?.targets.next_response != null &&
    !timers.some((t) => t.kind === 'next_response' && t.startedAt === facts.waitingSince)
  ) {
    const startedAt = notBeforePolicy(facts.waitingSince!);
    plan.start.push({ kind: 'next_response', startedAt, dueAt: due('next_response', startedAt) });
  }

  // ── resolution ──
  const resolution = latest(timers, 'resolution');
  const openResolution = live(resolution);
  if (resolved) {
    if (openResolution) finish(openResolution, facts.resolvedAt ?? now);
  } else if (!openResolution && policy?.targets.resolution != null) {
    let startedAt: number;
    if (!resolution) startedAt = notBeforePolicy(facts.createdAt);
    else {
      // Reopened after an earlier resolution: the clock restarts when the customer came back.
      const ended = resolution.completedAt ?? now;
      const back = facts.lastCustomerMessageAt ?? now;
      startedAt = notBeforePolicy(back > ended ? back : now);
    }
    if (!resolution || resolution.status !== 'running') {
      plan.start.push({ kind: 'resolution', startedAt, dueAt: due('resolution', startedAt) });
    }
  }
  return plan;
}
