/**
 * The words of the e-mails a practice sends about an appointment. The in-memory practice keeps
 * them in its outbox and the reference server writes them to its own, so the demo and a real
 * practice say the same thing. Only provider, service, time and place: nothing clinical.
 */
import type { Appointment } from '../model/schemas.js';

export type NoticeKind = 'request-received' | 'new-request' | 'confirmed' | 'declined' | 'cancelled' | 'changed';

export interface Notice {
  subject: string;
  body: string;
}

const subjects: Record<NoticeKind, string> = {
  'request-received': 'Your appointment request was received',
  'new-request': 'New appointment request',
  confirmed: 'Your appointment is confirmed',
  declined: 'Your appointment request was declined',
  cancelled: 'Your appointment was cancelled',
  changed: 'Your appointment change request was received',
};

/** One formatter per zone: making one costs far more than using it, and a server writes notices all day. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function whenIn(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The notice of `kind` about `appointment`; `note` is the therapist's words on a decline. */
export function noticeFor(kind: NoticeKind, appointment: Pick<Appointment, 'provider' | 'service' | 'location' | 'start'>, note?: string): Notice {
  const when = whenIn(appointment.location.timeZone).format(new Date(appointment.start));
  const what = `${appointment.service.name} with ${appointment.provider.name} on ${when}`;
  const bodies: Record<NoticeKind, string> = {
    'request-received': `We received your request for ${what}. It is waiting for your therapist's confirmation.`,
    'new-request': `A client requested ${what}. Please confirm or decline it.`,
    confirmed: `${what} is confirmed.`,
    declined: `Your request for ${what} was declined.${note ? ` ${note}` : ''}`,
    cancelled: `${what} was cancelled.`,
    changed: `We received your request to move your appointment to ${what}. It is waiting for your therapist's confirmation.`,
  };
  return { subject: subjects[kind], body: bodies[kind] };
}
