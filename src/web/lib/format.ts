import { useTranslation } from 'react-i18next';

/** Formats ISO timestamps in the interface language; null shows as a dash. */
export function useFormatDate() {
  const { i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (iso: string | null | undefined, fallback = '—'): string => {
    if (!iso) return fallback;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
  };
}

export function isPast(iso: string | null | undefined): boolean {
  return iso != null && new Date(iso).getTime() <= Date.now();
}
