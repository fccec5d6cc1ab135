import { Badge, Input, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FeedbackTicket } from '../../shared/feedback.ts';

const LEVELS = ['1', '2', '3', '4', '5'];

function scoreColor(score: number): string {
  if (score >= 60) return 'red';
  if (score >= 30) return 'orange';
  if (score >= 12) return 'yellow';
  return 'gray';
}

/** The ticket's score; the formula with its numbers shows on hover and focus. */
export function FeedbackScoreBadge({ ticket }: { ticket: FeedbackTicket }) {
  const { t } = useTranslation();
  const breakdown = t('feedback.score.breakdown', {
    impact: ticket.impact,
    urgency: ticket.urgency,
    cost: ticket.cost,
    score: ticket.score,
  });
  return (
    <Tooltip label={breakdown} withArrow multiline maw={280}>
      <Badge
        variant="filled"
        color={scoreColor(ticket.score)}
        miw={40}
        tabIndex={0}
        aria-label={breakdown}
      >
        {ticket.score}
      </Badge>
    </Tooltip>
  );
}

/** One dimension of 三维评估, 1 to 5, as a row of buttons the keyboard can move through. */
export function FeedbackLevelControl({
  label,
  hint,
  value,
  onChange,
  disabled,
}: {
  label: string;
  hint: string;
  value: number;
  onChange: (value: number) => void;
  disabled?: boolean;
}) {
  return (
    <Input.Wrapper label={label} description={hint}>
      <SegmentedControl
        mt={4}
        fullWidth
        data={LEVELS}
        value={String(value)}
        onChange={(next) => onChange(Number(next))}
        disabled={disabled}
        aria-label={label}
      />
    </Input.Wrapper>
  );
}

/** The formula, written out for people who want to know where the number comes from. */
export function FeedbackScoreFormula() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('feedback.score.formula')}
    </Text>
  );
}
