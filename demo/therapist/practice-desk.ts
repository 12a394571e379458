/**
 * The therapist's side of the mock API (`/api/practice/…`, mock only: a real practice does this in
 * its own staff application). Answers are checked with the library's schemas, as the elements
 * check theirs, so a wrong shape is a clear error rather than a blank page.
 */
import * as z from 'zod/mini';
import { BookingError, codeForStatus } from '../../src/adapters/errors.js';
import { parseResponse } from '../../src/adapters/parse.js';
import { appointmentSchema, errorBodySchema, instantSchema, providerSchema } from '../../src/model/schemas.js';

const clientSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

/** An appointment as the practice sees it: with whose it is. */
const deskAppointmentSchema = z.intersection(appointmentSchema, z.object({ client: clientSchema }));
export type DeskAppointment = z.infer<typeof deskAppointmentSchema>;

const emailSchema = z.object({
  id: z.string(),
  kind: z.enum(['request-received', 'new-request', 'confirmed', 'declined', 'cancelled', 'changed']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  appointmentId: z.string(),
  sentAt: instantSchema,
});
export type DeskEmail = z.infer<typeof emailSchema>;

export class PracticeDesk {
  constructor(private readonly base = '/api/practice') {}

  /** Every client's appointments, soonest first. */
  async appointments(): Promise<DeskAppointment[]> {
    const body = await this.call('GET', '/appointments');
    return parseResponse(z.object({ appointments: z.array(deskAppointmentSchema) }), body, 'the appointments').appointments;
  }

  /** The e-mails the practice would have sent, oldest first. */
  async outbox(): Promise<DeskEmail[]> {
    const body = await this.call('GET', '/outbox');
    return parseResponse(z.object({ emails: z.array(emailSchema) }), body, 'the outbox').emails;
  }

  async confirm(appointmentId: string): Promise<void> {
    await this.call('POST', `/appointments/${encodeURIComponent(appointmentId)}/confirm`, {});
  }

  /** Declines a request; `note` goes to the client in the e-mail. */
  async decline(appointmentId: string, note?: string): Promise<void> {
    await this.call('POST', `/appointments/${encodeURIComponent(appointmentId)}/decline`, note ? { note } : {});
  }

  async setSelfScheduling(providerId: string, selfScheduling: boolean): Promise<void> {
    const body = await this.call('PUT', `/providers/${encodeURIComponent(providerId)}/self-scheduling`, { selfScheduling });
    parseResponse(providerSchema, body, 'the therapist');
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new BookingError('network', 'The practice could not be reached.', { cause });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(json);
      const message = error.success ? error.data.error.message : `The practice answered ${response.status}.`;
      throw new BookingError(codeForStatus(response.status), message, { status: response.status });
    }
    return json;
  }
}
