import { Badge, Text, Tooltip } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MODERATION_SEVERITIES,
  type ModerationAction,
  type ModerationCategory,
  type ModerationMatch,
  type ModerationSeverity,
  type ScreenAction,
} from '../../shared/moderation.ts';

export const SEVERITY_COLORS: Record<ModerationSeverity, string> = {
  low: 'gray',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const ACTION_COLORS: Record<ScreenAction, string> = {
  none: 'teal',
  flag: 'yellow',
  hide: 'orange',
  escalate: 'red',
};

export function SeverityBadge({ severity }: { severity: ModerationSeverity }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={SEVERITY_COLORS[severity]}>
      {t(`moderation.severities.${severity}`)}
    </Badge>
  );
}

export function ActionBadge({ action }: { action: ScreenAction }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="filled" color={ACTION_COLORS[action]}>
      {t(`moderation.screenActions.${action}`)}
    </Badge>
  );
}

export function CategoryBadge({ category }: { category: ModerationCategory }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="outline" color={category === 'allow' ? 'teal' : 'gray'}>
      {t(`moderation.categories.${category}`)}
    </Badge>
  );
}

/** Shows characters that render as nothing (zero-width spaces, joiners…) as `⟨U+200B⟩`. */
export function showInvisible(text: string): string {
  return text.replace(/[\p{Cf}\u{FE00}-\u{FE0F}\u3164\u115F\u1160\uFFA0]/gu, (char) => {
    const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `⟨U+${code}⟩`;
  });
}

export function actionLabelKey(action: ModerationAction) {
  return `moderation.actions.${action}` as const;
}

interface Span {
  start: number;
  end: number;
  matches: ModerationMatch[];
}

/** Merges overlapping matches into spans, each keeping every match it covers. */
function spans(matches: readonly ModerationMatch[]): Span[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const match of sorted) {
    const last = out.at(-1);
    if (last && match.start < last.end) {
      last.end = Math.max(last.end, match.end);
      last.matches.push(match);
    } else {
      out.push({ start: match.start, end: match.end, matches: [match] });
    }
  }
  return out;
}

function strongestSeverity(matches: readonly ModerationMatch[]): ModerationSeverity {
  let best: ModerationSeverity = 'low';
  for (const match of matches) {
    if (MODERATION_SEVERITIES.indexOf(match.severity) > MODERATION_SEVERITIES.indexOf(best)) {
      best = match.severity;
    }
  }
  return best;
}

/**
 * The original text with what the lists caught marked, coloured by severity; hovering or
 * focusing a mark names the listed words and their lists.
 */
export function HighlightedText({
  text,
  matches,
  lineClamp,
}: {
  text: string;
  matches: readonly ModerationMatch[];
  lineClamp?: number;
}) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of spans(matches)) {
    if (span.start > at) parts.push(text.slice(at, span.start));
    const severity = strongestSeverity(span.matches);
    const label = [
      ...new Set(
        span.matches.map((m) =>
          t('moderation.matchLabel', {
            word: m.word,
            list: m.listName,
            severity: t(`moderation.severities.${m.severity}`),
          }),
        ),
      ),
    ].join('\n');
    parts.push(
      <Tooltip
        key={span.start}
        label={label}
        multiline
        maw={320}
        withArrow
        events={{ hover: true, focus: true, touch: true }}
      >
        <mark
          tabIndex={0}
          aria-label={label}
          style={{
            backgroundColor: `var(--mantine-color-${SEVERITY_COLORS[severity]}-light)`,
            color: 'inherit',
            borderBottom: `2px solid var(--mantine-color-${SEVERITY_COLORS[severity]}-filled)`,
            borderRadius: 2,
            padding: '0 1px',
          }}
        >
          {text.slice(span.start, span.end)}
        </mark>
      </Tooltip>,
    );
    at = Math.max(at, span.end);
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <Text
      size="sm"
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
      lineClamp={lineClamp}
    >
      {parts.map((part, index) => (
        <Fragment key={index}>{part}</Fragment>
      ))}
    </Text>
  );
}
