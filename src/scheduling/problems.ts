/**
 * Plain-language descriptions of why a time cannot be booked. Every sentence can be replaced
 * by the host (`messages`), and times are written with `Intl` in the reader's locale and zone.
 */
import type { SelectionProblem, SelectionProblemCode } from '../model/schemas.js';

export interface DescribeOptions {
  /** BCP 47 locale for dates and times; the browser's when omitted. */
  locale?: string;
  /** The zone to state times in. */
  timeZone?: string;
  /** The service's name, where the sentence can use it. */
  serviceName?: string;
  /** Replacement sentences, by problem code. */
  messages?: Partial<ProblemMessages>;
}

type ProblemOf<C extends SelectionProblemCode> = Extract<SelectionProblem, { code: C }>;

/** One sentence-writing function per problem; `time` formats an instant for the reader. */
export type ProblemMessages = {
  [C in SelectionProblemCode]: (
    problem: ProblemOf<C>,
    helpers: { time: (iso: string) => string; serviceName: string },
  ) => string;
};

export const defaultProblemMessages: ProblemMessages = {
  'provider-not-self-scheduling': () =>
    'This therapist does not take appointment requests online. Please contact the practice.',
  'service-not-offered': (_, { serviceName }) =>
    `${serviceName} is not offered by this therapist at this location.`,
  'wrong-length': ({ expectedMinutes, actualMinutes }, { serviceName }) =>
    `${serviceName} takes ${expectedMinutes} minutes, but the time chosen is ${actualMinutes} minutes long.`,
  'in-the-past': () => 'That time has already passed. Please choose a later time.',
  'inside-minimum-notice': ({ earliestStart }, { time }) =>
    `That time is too soon to book online. The earliest time you can request is ${time(earliestStart)}.`,
  'beyond-horizon': ({ latestEnd }, { time }) =>
    `That time is too far ahead. Appointments can be requested up to ${time(latestEnd)}.`,
  'not-on-slot-step': ({ stepMinutes }) =>
    `Appointments start on the ${stepMinutes}-minute mark. Please choose one of the offered start times.`,
  'outside-availability': () => 'Your therapist is not available at that time. Please choose a time that is not greyed out.',
  'too-short-for-service': ({ serviceMinutes, availableMinutes }, { serviceName }) =>
    `${serviceName} takes ${serviceMinutes} minutes, but only ${availableMinutes} minutes are free at that time.`,
  'overlaps-own-appointment': ({ start }, { time }) =>
    `You already have an appointment or request at ${time(start)}. Please choose another time.`,
};

/** Said for a problem whose code has no sentence, or whose details cannot be read. */
export const unknownProblemMessage = 'That time cannot be requested. Please choose another time.';

/** One problem as a sentence for the client. */
export function describeProblem(problem: SelectionProblem, options: DescribeOptions = {}): string {
  const formatter = new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: options.timeZone,
  });
  const helpers = {
    time: (iso: string) => formatter.format(new Date(iso)),
    serviceName: options.serviceName ?? 'This service',
  };
  const write = (options.messages?.[problem.code] ?? defaultProblemMessages[problem.code]) as
    | ((problem: SelectionProblem, helpers: { time: (iso: string) => string; serviceName: string }) => string)
    | undefined;
  // A custom adapter may pass on a code from a newer server that we have no sentence for.
  if (typeof write !== 'function') return unknownProblemMessage;
  try {
    return write(problem, helpers);
  } catch {
    // A problem with missing or malformed fields (an unchecked adapter's) still gets a sentence.
    return unknownProblemMessage;
  }
}
