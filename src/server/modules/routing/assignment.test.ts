import { describe, expect, it } from 'vitest';
import { pickAssignee, type AssignmentCandidate } from './assignment.ts';

function member(userId: string, overrides: Partial<AssignmentCandidate> = {}): AssignmentCandidate {
  return {
    userId,
    tier: 'agent',
    availability: 'online',
    capacity: 5,
    open: 0,
    lastAssignedAt: null,
    ...overrides,
  };
}

describe('pickAssignee', () => {
  it('takes turns: whoever was chosen longest ago, never-chosen first', () => {
    const team = [
      member('a', { lastAssignedAt: 300 }),
      member('b', { lastAssignedAt: 100 }),
      member('c', { lastAssignedAt: 200 }),
    ];
    expect(pickAssignee(team, 'agent')?.userId).toBe('b');
    expect(pickAssignee([...team, member('d')], 'agent')?.userId).toBe('d');
  });

  it('rotates through the team when each choice is recorded', () => {
    const team = [member('a'), member('b'), member('c')];
    const order: string[] = [];
    for (let turn = 1; turn <= 6; turn++) {
      const chosen = pickAssignee(team, null)!;
      order.push(chosen.userId);
      chosen.lastAssignedAt = turn;
      chosen.open += 1;
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('skips members who are away, offline or full', () => {
    const team = [
      member('away', { availability: 'away' }),
      member('offline', { availability: 'offline' }),
      member('full', { open: 5 }),
      member('free', { open: 4, lastAssignedAt: 999 }),
    ];
    expect(pickAssignee(team, 'agent')?.userId).toBe('free');
    expect(pickAssignee(team.slice(0, 3), 'agent')).toBeNull();
    expect(pickAssignee([member('zero', { capacity: 0 })], null)).toBeNull();
  });

  it('chooses within the tier asked for', () => {
    const team = [member('agent'), member('expert', { tier: 'expert', lastAssignedAt: 50 })];
    expect(pickAssignee(team, 'expert')?.userId).toBe('expert');
    expect(pickAssignee(team, 'agent')?.userId).toBe('agent');
  });

  it('breaks ties by fewer open conversations', () => {
    expect(
      pickAssignee([member('busy', { open: 3 }), member('idle', { open: 1 })], null)?.userId,
    ).toBe('idle');
  });
});
