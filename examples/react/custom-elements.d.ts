/**
 * The library's elements as JSX intrinsic elements, typed from the library itself: React's own
 * props, the attributes a page author writes, the properties that take objects, and one
 * `onss-…` prop per event, whose handler receives the event's own class.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AppointmentCalendarElement, AppointmentStatusElement, SelfScheduleForm } from 'self-schedule-elements';

/** React 19 listens for `on<name>` on a custom element with addEventListener('<name>'), the case kept. */
type EventProps<Name extends keyof GlobalEventHandlersEventMap> = {
  [N in Name as `on${N}`]?: (event: GlobalEventHandlersEventMap[N]) => void;
};

/** What every element of the library takes: its backend and its clock. */
type BookingProps<E extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<E>, E> & {
  'api-base'?: string;
  'time-zone'?: string;
} & Partial<Pick<SelfScheduleForm, 'adapter' | 'now'>>;

type FormEventName = 'ss-open' | 'ss-close' | 'ss-slot-select' | 'ss-request-submit' | 'ss-request-fail' | 'ss-view-appointments';
type ListEventName = 'ss-status-change' | 'ss-appointment-cancel' | 'ss-appointment-cancel-fail' | 'ss-appointment-change';

type SelfScheduleFormProps = BookingProps<SelfScheduleForm> &
  Partial<Pick<SelfScheduleForm, 'provider' | 'location' | 'service' | 'start' | 'modal' | 'changing' | 'strings' | 'problemMessages'>> & {
    'appointments-href'?: string;
  } & EventProps<FormEventName>;

// The lists open a form inside them, whose events bubble out through them.
type AppointmentStatusProps = BookingProps<AppointmentStatusElement> &
  Partial<Pick<AppointmentStatusElement, 'strings'>> &
  EventProps<ListEventName | FormEventName>;

type AppointmentCalendarProps = BookingProps<AppointmentCalendarElement> &
  Partial<Pick<AppointmentCalendarElement, 'view' | 'strings'>> & {
    'initial-date'?: string;
  } & EventProps<'ss-appointment-select' | 'ss-time-pick' | 'ss-range-change' | ListEventName | FormEventName>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'self-schedule-form': SelfScheduleFormProps;
      'appointment-status': AppointmentStatusProps;
      'appointment-calendar': AppointmentCalendarProps;
    }
  }
}
