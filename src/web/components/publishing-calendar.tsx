import { Box } from '@mantine/core';
import FullCalendar, {
  type DatesSetInfo,
  type EventDisplayInfo,
  type EventDropInfo,
  type EventInput,
} from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import zhCnLocale from '@fullcalendar/react/locales/zh-cn';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

export interface CalendarEventProps {
  postId?: string;
  /** Colours of every channel the post goes to, first one first. */
  dots?: string[];
}

function EventContent({ info }: { info: EventDisplayInfo }) {
  const props = info.event.extendedProps as CalendarEventProps;
  if (!props.postId) return null;
  return (
    <Box
      component="span"
      style={{ display: 'flex', alignItems: 'center', gap: 4, overflow: 'hidden', minWidth: 0 }}
    >
      {/* FullCalendar already marks the first channel with the event colour. */}
      {(props.dots ?? []).slice(1).map((color, index) => (
        <span
          key={index}
          aria-hidden
          style={{
            width: 8,
            height: 8,
            borderRadius: '50%',
            background: color,
            flex: 'none',
            boxShadow: '0 0 0 1px rgba(255,255,255,.8)',
          }}
        />
      ))}
      {info.timeText && <b style={{ flex: 'none' }}>{info.timeText}</b>}
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {info.event.title}
      </span>
    </Box>
  );
}

/** FullCalendar with month, week and list views, in the interface language. */
export function PublishingCalendar({
  events,
  editable,
  onRangeChange,
  onMove,
  onOpen,
  onDateClick,
}: {
  events: EventInput[];
  editable: boolean;
  onRangeChange: (range: { start: Date; end: Date }) => void;
  onMove: (postId: string, start: Date, revert: () => void) => void;
  onOpen: (postId: string) => void;
  onDateClick?: ((date: Date) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  // Read synchronously: the initial view is fixed once the calendar mounts.
  const narrow = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });

  const drop = (info: EventDropInfo) => {
    const props = info.event.extendedProps as CalendarEventProps;
    if (!props.postId || !info.event.start) {
      info.revert();
      return;
    }
    onMove(props.postId, info.event.start, info.revert);
  };

  return (
    <FullCalendar
      plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicTheme]}
      locales={[zhCnLocale]}
      locale={i18n.language === 'zh-CN' ? 'zh-cn' : 'en'}
      firstDay={1}
      initialView={narrow ? 'listWeek' : 'dayGridMonth'}
      headerToolbar={
        narrow
          ? { start: 'prev,next', center: 'title', end: 'dayGridMonth,listWeek' }
          : { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,listWeek' }
      }
      todayText={t('calendar.today')}
      monthText={t('calendar.month')}
      weekTextLong={t('calendar.week')}
      listText={t('calendar.list')}
      height="auto"
      events={events}
      editable={editable}
      eventDurationEditable={false}
      defaultTimedEventDuration="00:30"
      dayMaxEvents={4}
      nowIndicator
      noEventsText={t('calendar.noEvents')}
      eventContent={(info: EventDisplayInfo) => <EventContent info={info} />}
      datesSet={(info: DatesSetInfo) => onRangeChange({ start: info.start, end: info.end })}
      eventDrop={drop}
      eventClick={(info) => {
        const props = info.event.extendedProps as CalendarEventProps;
        if (!props.postId) return;
        info.jsEvent.preventDefault();
        onOpen(props.postId);
      }}
      dateClick={onDateClick ? (info) => onDateClick(info.date) : undefined}
    />
  );
}
