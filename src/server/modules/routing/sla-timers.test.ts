import { describe, expect, it } from 'vitest';
import { toCalendar } from './business-time.ts';
import { planTimers, type StoredTimer, type TimerFacts, type TimerPolicy } from './sla-timers.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-03T02:00:00Z'); // Tue 10:00 Shanghai

const policy: TimerPolicy = {
  id: 'p1',
  createdAt: T0 - 1000 * MIN,
  targets: { first_response: 60, next_response: 30, resolution: 24 * 60 },
  calendar: null,
};

function facts(overrides: Partial<TimerFacts> = {}): TimerFacts {
  return {
    status: 'open',
    createdAt: T0,
    firstResponseAt: null,
    waitingSince: T0,
    lastCustomerMessageAt: T0,
    lastResponseAt: null,
    resolvedAt: null,
    ...overrides,
  };
}

function timer(id: string, overrides: Partial<StoredTimer>): StoredTimer {
  return {
    id,
    kind: 'first_response',
    policyId: 'p1',
    status: 'running',
    startedAt: T0,
    dueAt: T0 + 60 * MIN,
    completedAt: null,
    ...overrides,
  };
}

describe('planTimers', () => {
  it('starts first-response and resolution timers for a new conversation', () => {
    const plan = planTimers({ facts: facts(), policy, timers: [], now: T0 });
    expect(plan.start).toEqual([
      { kind: 'first_response', startedAt: T0, dueAt: T0 + 60 * MIN },
      { kind: 'resolution', startedAt: T0, dueAt: T0 + 24 * 60 * MIN },
    ]);
    expect(plan.finish).toEqual([]);
  });

  it('counts business time when the policy has business hours', () => {
    const calendar = toCalendar({
      timeZone: 'Asia/Shanghai',
      intervals: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
      holidays: [],
    });
    // Friday 17:30 local: 30 minutes on Friday, 30 on Monday morning.
    const friday = Date.parse('2026-03-06T09:30:00Z');
    const plan = planTimers({
      facts: facts({ createdAt: friday, waitingSince: friday, lastCustomerMessageAt: friday }),
      policy: { ...policy, calendar, targets: { ...policy.targets, resolution: null } },
      timers: [],
      now: friday,
    });
    expect(plan.start).toEqual([
      { kind: 'first_response', startedAt: friday, dueAt: Date.parse('2026-03-09T01:30:00Z') },
    ]);
  });

  it('is idempotent: the same facts and timers plan nothing new', () => {
    const timers = [timer('f', {}), timer('r', { kind: 'resolution', dueAt: T0 + 24 * 60 * MIN })];
    expect(planTimers({ facts: facts(), policy, timers, now: T0 + 5 * MIN })).toEqual({
      start: [],
      finish: [],
      cancel: [],
      retime: [],
    });
  });

  it('meets the first response in time, or records it as breached when late', () => {
    const onTime = planTimers({
      facts: facts({ firstResponseAt: T0 + 20 * MIN, waitingSince: null }),
      policy,
      timers: [timer('f', {})],
      now: T0 + 20 * MIN,
    });
    expect(onTime.finish).toEqual([{ id: 'f', completedAt: T0 + 20 * MIN, status: 'met' }]);
    const late = planTimers({
      facts: facts({ firstResponseAt: T0 + 90 * MIN, waitingSince: null }),
      policy,
      timers: [timer('f', {})],
      now: T0 + 95 * MIN,
    });
    expect(late.finish).toEqual([{ id: 'f', completedAt: T0 + 90 * MIN, status: 'breached' }]);
    // A timer the sweep already marked breached gets its completion time when the reply comes.
    const afterBreach = planTimers({
      facts: facts({ firstResponseAt: T0 + 90 * MIN, waitingSince: null }),
      policy,
      timers: [timer('f', { status: 'breached' })],
      now: T0 + 95 * MIN,
    });
    expect(afterBreach.finish).toEqual([
      { id: 'f', completedAt: T0 + 90 * MIN, status: 'breached' },
    ]);
  });

  it('starts a next-response timer when the customer writes again after a reply', () => {
    const back = T0 + 120 * MIN;
    const plan = planTimers({
      facts: facts({
        firstResponseAt: T0 + 10 * MIN,
        lastResponseAt: T0 + 10 * MIN,
        waitingSince: back,
        lastCustomerMessageAt: back + 5 * MIN,
      }),
      policy,
      timers: [
        timer('f', { status: 'met', completedAt: T0 + 10 * MIN }),
        timer('r', { kind: 'resolution', dueAt: T0 + 24 * 60 * MIN }),
      ],
      now: back + 5 * MIN,
    });
    expect(plan.start).toEqual([
      { kind: 'next_response', startedAt: back, dueAt: back + 30 * MIN },
    ]);
    // The reply ends it; the same wait never starts a second timer.
    const answered = planTimers({
      facts: facts({
        firstResponseAt: T0 + 10 * MIN,
        lastResponseAt: back + 12 * MIN,
        waitingSince: null,
      }),
      policy,
      timers: [
        timer('f', { status: 'met', completedAt: T0 + 10 * MIN }),
        timer('n', { kind: 'next_response', startedAt: back, dueAt: back + 30 * MIN }),
        timer('r', { kind: 'resolution', dueAt: T0 + 24 * 60 * MIN }),
      ],
      now: back + 12 * MIN,
    });
    expect(answered).toMatchObject({
      start: [],
      finish: [{ id: 'n', completedAt: back + 12 * MIN, status: 'met' }],
    });
  });

  it('finishes resolution on resolve, cancels an unanswered wait, and restarts on reopen', () => {
    const resolvedAt = T0 + 300 * MIN;
    const resolved = planTimers({
      facts: facts({ status: 'resolved', resolvedAt, firstResponseAt: null }),
      policy,
      timers: [timer('f', {}), timer('r', { kind: 'resolution', dueAt: T0 + 24 * 60 * MIN })],
      now: resolvedAt,
    });
    expect(resolved).toMatchObject({
      cancel: ['f'],
      finish: [{ id: 'r', completedAt: resolvedAt, status: 'met' }],
      start: [],
    });

    const reopenedAt = resolvedAt + 600 * MIN;
    const reopened = planTimers({
      facts: facts({
        firstResponseAt: T0 + 5 * MIN,
        lastResponseAt: T0 + 5 * MIN,
        waitingSince: reopenedAt,
        lastCustomerMessageAt: reopenedAt,
        resolvedAt: null,
      }),
      policy,
      timers: [
        timer('f', { status: 'met', completedAt: T0 + 5 * MIN }),
        timer('r', {
          kind: 'resolution',
          status: 'met',
          dueAt: T0 + 24 * 60 * MIN,
          completedAt: resolvedAt,
        }),
      ],
      now: reopenedAt,
    });
    expect(reopened.start).toEqual([
      { kind: 'next_response', startedAt: reopenedAt, dueAt: reopenedAt + 30 * MIN },
      { kind: 'resolution', startedAt: reopenedAt, dueAt: reopenedAt + 24 * 60 * MIN },
    ]);
  });

  it('re-times running timers when another policy applies, cancels them when none does', () => {
    const urgent: TimerPolicy = {
      ...policy,
      id: 'p2',
      targets: { first_response: 15, next_response: 10, resolution: null },
    };
    const timers = [timer('f', {}), timer('r', { kind: 'resolution', dueAt: T0 + 24 * 60 * MIN })];
    expect(planTimers({ facts: facts(), policy: urgent, timers, now: T0 })).toEqual({
      start: [],
      finish: [],
      cancel: ['r'],
      retime: [{ id: 'f', policyId: 'p2', dueAt: T0 + 15 * MIN }],
    });
    expect(planTimers({ facts: facts(), policy: null, timers, now: T0 }).cancel).toEqual([
      'f',
      'r',
    ]);
  });

  it('never starts a timer before the policy existed', () => {
    const old = T0 - 10_000 * MIN;
    const plan = planTimers({
      facts: facts({ createdAt: old, waitingSince: old, lastCustomerMessageAt: old }),
      policy: { ...policy, createdAt: T0 },
      timers: [],
      now: T0,
    });
    expect(plan.start.map((s) => s.startedAt)).toEqual([T0, T0]);
  });
});
