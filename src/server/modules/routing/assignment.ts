import type { Availability, TeamTier } from '../../../shared/routing.ts';

/**
 * Round-robin choice of who gets a conversation. Pure: the caller supplies each team member's
 * tier, availability, capacity, open conversations and when they were last given one.
 */

export interface AssignmentCandidate {
  userId: string;
  tier: TeamTier;
  availability: Availability;
  /** Most open conversations at once. */
  capacity: number;
  /** Open and pending conversations assigned now. */
  open: number;
  /** When round robin last chose this member in this team; null for never. */
  lastAssignedAt: number | null;
}

/** Whether a member may get one more conversation now. */
export function canTakeMore(candidate: AssignmentCandidate): boolean {
  return candidate.availability === 'online' && candidate.open < candidate.capacity;
}

/**
 * The next member in turn: online, below capacity and of the tier asked for (any tier when
 * `tier` is null). The turn goes to whoever was chosen longest ago (never first); ties go to
 * the one with fewer open conversations, then to the lower user id so the choice is stable.
 */
export function pickAssignee(
  candidates: readonly AssignmentCandidate[],
  tier: TeamTier | null,
): AssignmentCandidate | null {
  const eligible = candidates.filter(
    (candidate) => (tier === null || candidate.tier === tier) && canTakeMore(candidate),
  );
  eligible.sort(
    (a, b) =>
      (a.lastAssignedAt ?? -1) - (b.lastAssignedAt ?? -1) ||
      a.open - b.open ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
  return eligible[0] ?? null;
}
