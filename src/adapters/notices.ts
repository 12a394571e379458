/**
 * The words of the e-mails a practice sends about an appointment. The in-memory practice keeps
 * them in its outbox and the reference server writes them to its own (and sends them), so the demo
 * and a real practice say the same thing. Only provider, service, time and place: nothing clinical.
 *
 * Every word is in one strings object per language (`defaultNoticeStrings`, English); pass another
 * to `noticeFor` for another language. The strings are plain text, never HTML: the HTML part
 * escapes everything it shows, the interpolated names, places and notes above all, and holds no
 * images, no links and nothing fetched from elsewhere.
 */
import type { Appointment } from '../model/schemas.js';

export type NoticeKind = 'request-received' | 'new-request' | 'confirmed' | 'declined' | 'cancelled' | 'changed';

export interface Notice {
  subject: string;
  /** The message in one paragraph (what the demo's outbox shows). */
  body: string;
  /** The e-mail's plain-text part: the paragraph, then with whom, what, when and where. */
  text: string;
  /** The e-mail's HTML part: the same words, every one escaped. */
  html: string;
}

/** Every word of the notices, in English. Another language is an object of the same shape. */
export const defaultNoticeStrings = {
  /** The language of the e-mails (BCP 47): dates and times are written in it, and the HTML part declares it. */
  locale: 'en-US',
  subjects: {
    'request-received': 'Your appointment request was received',
    'new-request': 'New appointment request',
    confirmed: 'Your appointment is confirmed',
    declined: 'Your appointment request was declined',
    cancelled: 'Your appointment was cancelled',
    changed: 'Your appointment change request was received',
  } satisfies Record<NoticeKind, string> as Record<NoticeKind, string>,
  /** "Individual Therapy with Dr. Maya Chen on Tuesday, December 8, 2026 at 10:00 AM EST". */
  what: (service: string, provider: string, when: string) => `${service} with ${provider} on ${when}`,
  /** The paragraph of each kind; `note` is the therapist's words on a decline. */
  bodies: {
    'request-received': (what: string) => `We received your request for ${what}. It is waiting for your therapist's confirmation.`,
    'new-request': (what: string) => `A client requested ${what}. Please confirm or decline it.`,
    confirmed: (what: string) => `${what} is confirmed.`,
    declined: (what: string, note?: string) => `Your request for ${what} was declined.${note ? ` ${note}` : ''}`,
    cancelled: (what: string) => `${what} was cancelled.`,
    changed: (what: string) =>
      `We received your request to move your appointment to ${what}. It is waiting for your therapist's confirmation.`,
  } satisfies Record<NoticeKind, (what: string, note?: string) => string> as Record<NoticeKind, (what: string, note?: string) => string>,
  therapist: 'Therapist',
  service: 'Service',
  when: 'When',
  where: 'Where',
  /** The last line of every e-mail. */
  automatic: "This message was sent automatically by the practice's scheduling system.",
};

export type NoticeStrings = typeof defaultNoticeStrings;

/** One formatter per language and zone: making one costs far more than using it, and a server writes notices all day. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function whenIn(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  return format;
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]);
}

/** Escaped text whose line breaks stay line breaks. */
const htmlLines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>\n');

/**
 * A whole HTML e-mail around `bodyHtml` (already escaped): inline styles only, since mail clients
 * drop style sheets; no images and no remote resources, so opening it tells no one anything.
 */
export function htmlEmail(lang: string, subject: string, bodyHtml: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="font-family: system-ui, -apple-system, \'Segoe UI\', Roboto, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2328; margin: 0; padding: 16px;">',
    ...bodyHtml,
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * The notice of `kind` about `appointment`; `note` is the therapist's words on a decline, and
 * `strings` the language (English by default).
 */
export function noticeFor(
  kind: NoticeKind,
  appointment: Pick<Appointment, 'provider' | 'service' | 'location' | 'start'>,
  note?: string,
  strings: NoticeStrings = defaultNoticeStrings,
): Notice {
  const { provider, service, location } = appointment;
  const when = whenIn(strings.locale, location.timeZone).format(new Date(appointment.start));
  const subject = strings.subjects[kind];
  const body = strings.bodies[kind](strings.what(service.name, provider.name, when), kind === 'declined' ? note : undefined);
  const details: Array<[label: string, value: string]> = [
    [strings.therapist, provider.credentials ? `${provider.name}, ${provider.credentials}` : provider.name],
    [strings.service, service.name],
    [strings.when, when],
    [strings.where, location.kind === 'in-person' ? `${location.name}\n${location.address}` : location.name],
  ];
  const text = [
    body,
    details.map(([label, value]) => `${label}: ${value.split(/\r?\n/).join(', ')}`).join('\n'),
    strings.automatic,
  ].join('\n\n');
  const html = htmlEmail(strings.locale, subject, [
    `<p style="margin: 0 0 16px;">${htmlLines(body)}</p>`,
    '<table role="presentation" style="border-collapse: collapse; margin: 0 0 16px;">',
    ...details.map(
      ([label, value]) =>
        `<tr><th scope="row" style="text-align: left; vertical-align: top; padding: 2px 16px 2px 0; font-weight: 600;">${escapeHtml(label)}</th>` +
        `<td style="padding: 2px 0;">${htmlLines(value)}</td></tr>`,
    ),
    '</table>',
    `<p style="margin: 0; font-size: 14px; color: #59636e;">${escapeHtml(strings.automatic)}</p>`,
  ]);
  return { subject, body, text, html };
}
