import { Badge } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const URGENT_MS = 3 * 60 * 60 * 1000;

function formatLeft(ms: number): string {
  const total = Math.floor(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Time left until a hot item's 24-hour deadline, ticking every second; red under 3 hours. */
export function HotCountdown({ deadline }: { deadline: string | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (!deadline) return null;
  const left = Date.parse(deadline) - now;
  const color = left <= 0 || left < URGENT_MS ? 'red' : 'orange';
  return (
    <Badge
      color={color}
      variant={left < URGENT_MS ? 'filled' : 'light'}
      leftSection={<IconFlame size={12} />}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {left <= 0 ? t('content.overdue') : t('content.timeLeft', { time: formatLeft(left) })}
    </Badge>
  );
}
