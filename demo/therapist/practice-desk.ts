/**
 * What the desk reads and changes beyond the requests (which `<appointment-requests>` shows):
 * every appointment, self-scheduling, and the outbox, through the practice API (docs/rest-api.md,
 * "The practice API (staff)"), as the signed-in member of staff. The same calls run against the
 * reference server (`npm start`) and the mock (`npm run start:mock`).
 */
import { RestPracticeAdapter } from '../../src/adapters/rest/rest-practice-adapter.js';
import { RestTransport } from '../../src/adapters/rest/rest-transport.js';
import {
  type OutboxEmailView,
  type PracticeAppointment,
  type PracticeSettings,
  outboxSchema,
  practiceSettingsSchema,
} from '../../src/model/practice-api-schemas.js';
import { type Provider, providerSchema } from '../../src/model/schemas.js';

export type DeskAppointment = PracticeAppointment;
export type DeskEmail = OutboxEmailView;

export class PracticeDesk {
  private readonly transport: RestTransport;
  private readonly practice: RestPracticeAdapter;

  constructor(apiBase = '/api') {
    this.transport = new RestTransport({ baseUrl: apiBase, credentials: 'include' });
    this.practice = new RestPracticeAdapter({ baseUrl: apiBase, credentials: 'include' });
  }

  /** Every appointment the signed-in member of staff may see, soonest first. */
  appointments(): Promise<DeskAppointment[]> {
    return this.practice.listAppointments();
  }

  /** The notices the practice wrote, oldest first. */
  async outbox(): Promise<DeskEmail[]> {
    return (await this.transport.send({ method: 'GET', path: '/practice/outbox', schema: outboxSchema, what: 'the outbox' })).emails;
  }

  settings(): Promise<PracticeSettings> {
    return this.transport.send({ method: 'GET', path: '/practice/settings', schema: practiceSettingsSchema, what: 'the settings' });
  }

  setSelfScheduling(providerId: string, selfScheduling: boolean): Promise<Provider> {
    return this.transport.send({
      method: 'PUT',
      path: `/practice/providers/${encodeURIComponent(providerId)}/self-scheduling`,
      body: { selfScheduling },
      schema: providerSchema,
      what: 'the therapist',
    });
  }
}
