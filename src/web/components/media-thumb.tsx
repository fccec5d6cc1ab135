import { Badge, Box, Center, Image, ThemeIcon, type MantineRadius } from '@mantine/core';
import { IconMusic, IconPhotoOff, IconPlayerPlayFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { expiryOf, type MediaAsset } from '../../shared/media.ts';
import { useFormatDate } from '../lib/format.ts';

/** 1.2 MB, 340 KB: sizes as people read them. */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/**
 * A square preview of an asset: the image itself, the first frame of a video with a play mark,
 * or a note icon for audio. The file is served to members only, so it loads with the session.
 */
export function MediaThumb({
  asset,
  size,
  radius = 'sm',
  fit = 'cover',
}: {
  asset: MediaAsset | undefined;
  size?: number | string;
  radius?: MantineRadius;
  fit?: 'cover' | 'contain';
}) {
  const { t } = useTranslation();
  const box = { w: size ?? '100%', h: size, style: { aspectRatio: size ? undefined : '1 / 1' } };
  if (!asset) {
    return (
      <Center
        {...box}
        bg="gray.1"
        style={{ ...box.style, borderRadius: `var(--mantine-radius-${radius})` }}
      >
        <IconPhotoOff size={20} aria-label={t('media.missing')} />
      </Center>
    );
  }
  if (asset.kind === 'image') {
    return (
      <Image
        src={asset.url}
        alt={asset.altText || asset.fileName}
        radius={radius}
        fit={fit}
        loading="lazy"
        {...box}
        bg="gray.1"
      />
    );
  }
  if (asset.kind === 'video') {
    return (
      <Box
        pos="relative"
        {...box}
        style={{
          ...box.style,
          overflow: 'hidden',
          borderRadius: `var(--mantine-radius-${radius})`,
        }}
        bg="dark.7"
      >
        <video
          src={`${asset.url}#t=0.1`}
          preload="metadata"
          muted
          playsInline
          aria-label={asset.fileName}
          style={{ width: '100%', height: '100%', objectFit: fit, display: 'block' }}
        />
        <Center pos="absolute" inset={0} c="white" aria-hidden>
          <IconPlayerPlayFilled size={24} style={{ filter: 'drop-shadow(0 1px 2px #0008)' }} />
        </Center>
      </Box>
    );
  }
  return (
    <Center
      {...box}
      bg="grape.0"
      style={{ ...box.style, borderRadius: `var(--mantine-radius-${radius})` }}
    >
      <ThemeIcon variant="light" color="grape" radius="xl" size="lg">
        <IconMusic size={20} aria-label={t('media.kinds.audio')} />
      </ThemeIcon>
    </Center>
  );
}

/** Calendar days from today to the day of `iso`, where the person is (0 = today). */
function daysUntil(iso: string): number {
  const end = new Date(iso);
  const today = new Date();
  const day = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  return Math.round((day(end) - day(today)) / 86_400_000);
}

/** Whether the license has ended or ends soon (nothing when it is far off or never ends). */
export function MediaExpiryBadge({
  asset,
  always = false,
}: {
  asset: MediaAsset;
  always?: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { state } = expiryOf(asset.expiresAt, Date.now());
  if (state === 'expired') {
    return (
      <Badge color="red" variant="filled" tt="none">
        {t('media.expired')}
      </Badge>
    );
  }
  if (state === 'expiring' && asset.expiresAt) {
    const days = daysUntil(asset.expiresAt);
    return (
      <Badge color="orange" variant="light" tt="none">
        {days <= 0 ? t('media.expiresToday') : t('media.expiresIn', { count: days })}
      </Badge>
    );
  }
  if (state === 'valid' && always) {
    return (
      <Badge color="gray" variant="light" tt="none">
        {t('media.validUntil', { date: formatDate(asset.expiresAt) })}
      </Badge>
    );
  }
  return null;
}
