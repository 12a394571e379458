/**
 * A PracticeAdapter over a Practice in the same page: for demos, tests and prototypes with no
 * server, the staff side of what MemoryAdapter is for the client's. Answers are parsed like a
 * network answer (fresh copies), optionally after a delay, and changes are pushed: a request sent
 * through a MemoryAdapter on the same Practice appears in the watch at once.
 */
import * as z from 'zod/mini';
import { type PracticeAppointment, practiceAppointmentSchema } from '../../model/practice-api-schemas.js';
import type { CallOptions, Unsubscribe } from '../booking-adapter.js';
import type { PracticeAdapter, PracticeAppointmentQuery, PracticeWatchEvents } from '../practice-adapter.js';
import { answerLater } from './memory-adapter.js';
import { Practice, type StaffScope } from './practice.js';
import type { PracticeData } from './practice-data.js';

export interface MemoryPracticeAdapterOptions {
  /** The practice: a shared Practice (the one a MemoryAdapter books with, say), or data to start a private one from. */
  practice: Practice | PracticeData;
  /** The signed-in therapist's provider id: they see and decide only their own. Absent: the front desk, the whole practice. */
  providerId?: string;
  /** Milliseconds each call waits before answering, to show loading states. */
  latency?: number;
}

const listSchema = z.array(practiceAppointmentSchema);

export class MemoryPracticeAdapter implements PracticeAdapter {
  readonly practice: Practice;
  private readonly scope: StaffScope;
  private readonly latency: number;

  constructor(options: MemoryPracticeAdapterOptions) {
    this.practice = options.practice instanceof Practice ? options.practice : new Practice(options.practice);
    this.scope = { providerId: options.providerId };
    this.latency = options.latency ?? 0;
  }

  listAppointments(query: PracticeAppointmentQuery = {}, options?: CallOptions): Promise<PracticeAppointment[]> {
    return answerLater(this.latency, listSchema, "the practice's appointments", options, () =>
      this.practice.practiceAppointments(query, this.scope),
    );
  }

  confirm(appointmentId: string, options?: CallOptions): Promise<PracticeAppointment> {
    return answerLater(this.latency, practiceAppointmentSchema, 'the confirmed appointment', options, () =>
      this.practice.confirm(appointmentId, this.scope),
    );
  }

  decline(appointmentId: string, note?: string, options?: CallOptions): Promise<PracticeAppointment> {
    return answerLater(this.latency, practiceAppointmentSchema, 'the declined appointment', options, () =>
      this.practice.decline(appointmentId, note, this.scope),
    );
  }

  /** The list now, and again after every change to an appointment this member of staff may see. */
  watchAppointments(query: PracticeAppointmentQuery, events: PracticeWatchEvents): Unsubscribe {
    let active = true;
    const emit = async () => {
      try {
        const appointments = await this.listAppointments(query);
        if (active) events.onChange(appointments);
      } catch (error) {
        if (active) events.onError?.(error);
      }
    };
    const unsubscribe = this.practice.subscribe(({ appointment }) => {
      if (!this.scope.providerId || appointment.providerId === this.scope.providerId) void emit();
    });
    void emit();
    return () => {
      active = false;
      unsubscribe();
    };
  }
}
