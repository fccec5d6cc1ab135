import type { Channel, Post } from '../../shared/publishing.ts';

export interface CadenceGap {
  channelId: string;
  period: 'day' | 'week';
  /** Local midnight starting the period, and the one after it ends. */
  start: Date;
  end: Date;
  have: number;
  need: number;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Weeks start on Monday, as in the calendar. */
function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** When each channel's version goes out: its own slot, else the post's. */
function slotsByChannel(posts: readonly Post[]): Map<string, number[]> {
  const slots = new Map<string, number[]>();
  for (const post of posts) {
    if (post.status === 'canceled') continue;
    for (const target of post.targets) {
      if (target.status === 'canceled') continue;
      const at = target.publishedAt ?? target.scheduledAt ?? post.scheduledAt;
      if (!at) continue;
      const list = slots.get(target.channelId) ?? [];
      list.push(Date.parse(at));
      slots.set(target.channelId, list);
    }
  }
  return slots;
}

/**
 * Periods in the visible range where a channel has fewer posts than its cadence asks for. Only
 * periods that have not ended yet count: the past cannot be planned any more.
 */
export function findCadenceGaps(
  channels: readonly Channel[],
  posts: readonly Post[],
  range: { start: Date; end: Date },
  now: Date = new Date(),
): CadenceGap[] {
  const slots = slotsByChannel(posts);
  const gaps: CadenceGap[] = [];
  for (const channel of channels) {
    const cadence = channel.cadence;
    if (!cadence) continue;
    const times = slots.get(channel.id) ?? [];
    let start = cadence.period === 'day' ? startOfDay(range.start) : startOfWeek(range.start);
    while (start < range.end) {
      const end = addDays(start, cadence.period === 'day' ? 1 : 7);
      if (end > now) {
        const have = times.filter((at) => at >= start.getTime() && at < end.getTime()).length;
        if (have < cadence.count) {
          gaps.push({
            channelId: channel.id,
            period: cadence.period,
            start,
            end,
            have,
            need: cadence.count,
          });
        }
      }
      start = end;
    }
  }
  return gaps;
}
