import { describe, expect, it } from 'vitest';
import {
  canMoveFeedback,
  FEEDBACK_STATUSES,
  feedbackReportToCsv,
  feedbackScore,
  impactFromReach,
  type FeedbackReport,
  type ReportCsvLabels,
} from '../../../shared/feedback.ts';
import { closestCandidate, feedbackSignature } from './clustering.ts';
import { parseFeedbackCsv } from './csv-import.ts';
import { raiserMessage } from './feedback.jobs.ts';
import { median } from './report.ts';

describe('三维评估', () => {
  it('takes impact from how many people raised it and whether one is influential', () => {
    expect(impactFromReach({ people: 1, maxFollowers: 0, vip: false })).toBe(1);
    expect(impactFromReach({ people: 2, maxFollowers: 0, vip: false })).toBe(2);
    expect(impactFromReach({ people: 5, maxFollowers: 0, vip: false })).toBe(3);
    expect(impactFromReach({ people: 20, maxFollowers: 0, vip: false })).toBe(4);
    expect(impactFromReach({ people: 100, maxFollowers: 0, vip: false })).toBe(5);
    expect(impactFromReach({ people: 1, maxFollowers: 10_000, vip: false })).toBe(2);
    expect(impactFromReach({ people: 1, maxFollowers: 0, vip: true })).toBe(2);
    expect(impactFromReach({ people: 500, maxFollowers: 1e6, vip: true })).toBe(5);
  });

  it('scores from 1 to 100, rising with impact and urgency and falling with cost', () => {
    expect(feedbackScore({ impact: 5, urgency: 5, cost: 1 })).toBe(100);
    expect(feedbackScore({ impact: 1, urgency: 1, cost: 5 })).toBe(1);
    expect(feedbackScore({ impact: 3, urgency: 3, cost: 3 })).toBe(22);
    expect(feedbackScore({ impact: 3, urgency: 3, cost: 4 })).toBeLessThan(22);
  });
});

describe('statuses', () => {
  it('go forward through the loop and back only where a follow-up can send them', () => {
    expect(canMoveFeedback('new', 'triaged')).toBe(true);
    expect(canMoveFeedback('new', 'resolved')).toBe(false);
    expect(canMoveFeedback('resolved', 'closed')).toBe(true);
    expect(canMoveFeedback('resolved', 'in_progress')).toBe(true);
    expect(canMoveFeedback('closed', 'new')).toBe(false);
    for (const status of FEEDBACK_STATUSES) expect(canMoveFeedback(status, status)).toBe(false);
  });
});

describe('clustering choice', () => {
  it('picks the most similar candidate above the threshold', () => {
    const query = feedbackSignature('签到活动的积分一直没有到账，请帮忙查一下');
    const near = {
      clusterId: 'near',
      signature: feedbackSignature('签到活动的积分一直没有到账，请帮忙查查'),
    };
    const far = { clusterId: 'far', signature: feedbackSignature('客服回复太慢了，等了两天') };
    expect(closestCandidate(query, [far, near], 0.5)?.clusterId).toBe('near');
    expect(closestCandidate(query, [far], 0.5)).toBeNull();
  });
});

describe('what the raiser is told', () => {
  it('answers in the language they wrote in, with what changed', () => {
    expect(
      raiserMessage({ text: '希望增加夜间模式', outcome: 'adopted', resolution: '4.0 已上线' }),
    ).toBe('感谢您的建议！您的建议已被采纳：4.0 已上线');
    expect(raiserMessage({ text: 'The app crashes', outcome: 'resolved', resolution: null })).toBe(
      'Thank you for your feedback: the problem you reported has been resolved.',
    );
  });
});

describe('CSV reading', () => {
  const now = Date.parse('2026-03-10T00:00:00Z');

  it('reads tab-separated files and English headers', () => {
    const { rows, errors } = parseFeedbackCsv(
      'Feedback\tE-mail\tFollowers\nToo slow\ta@b.co\t3k\n',
      now,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ line: 2, text: 'Too slow', email: 'a@b.co', followers: 3000 }),
    ]);
  });

  it('reports the row a broken quote starts on and keeps the others', () => {
    const csv = 'text,urgency\nfine one,5\nbad urgency,9\n"never closed,1\n';
    const { rows, errors } = parseFeedbackCsv(csv, now);
    expect(rows.map((row) => [row.text, row.urgency])).toEqual([['fine one', 5]]);
    expect(errors[0]).toMatchObject({ line: 3, column: 'urgency' });
    expect(errors[1]?.reason).toMatch(/unreadable row/);
  });

  it('refuses more rows than one import takes', () => {
    const csv = `text\n${'反馈内容\n'.repeat(5001)}`;
    expect(() => parseFeedbackCsv(csv, now)).toThrow(/validation|Invalid/);
  });
});

describe('report helpers', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('writes a CSV a spreadsheet opens safely', () => {
    const report: FeedbackReport = {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      totals: {
        received: 3,
        people: 2,
        resolved: 1,
        adopted: 1,
        declined: 0,
        closed: 0,
        open: 1,
        openOverdue: 0,
        medianHoursToResolve: 12.5,
        followUpsConfirmed: 0,
        followUpsSatisfied: 0,
      },
      bySource: [],
      byCategory: [
        {
          id: 'c1',
          name: 'Bugs, "real" ones',
          received: 2,
          resolved: 1,
          adopted: 0,
          declined: 0,
          medianHoursToResolve: 12.5,
          openOverdue: 0,
        },
      ],
      byDepartment: [],
      adopted: [
        {
          ticketId: 't',
          clusterId: 'k',
          title: '=HYPERLINK("x")',
          change: 'dark mode',
          people: 2,
          adoptedAt: '2026-03-05T00:00:00.000Z',
        },
      ],
      topClusters: [],
    };
    const labels = Object.fromEntries(
      [
        'section',
        'name',
        'received',
        'resolved',
        'adopted',
        'declined',
        'medianHours',
        'openOverdue',
        'people',
        'change',
        'date',
        'totals',
        'categories',
        'departments',
        'adoptedSection',
        'clustersSection',
        'none',
      ].map((key) => [key, key]),
    ) as unknown as ReportCsvLabels;
    const csv = feedbackReportToCsv(report, labels);
    expect(csv).toContain('categories,"Bugs, ""real"" ones",2,1,0,0,12.5,0');
    expect(csv).toContain(`adoptedSection,"'=HYPERLINK(""x"")",dark mode,2`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
