/**
 * The demo's practice, kept in the browser's localStorage so that every page and tab of the demo
 * sees one practice. Each tab runs its own msw client over its own in-memory Practice, so the
 * practice handed to the handlers loads what another tab saved before each call and saves after
 * each call that changes something. Loading, changing and saving happen in one synchronous run,
 * so one tab's write cannot slip in between another's load and save (short of two tabs writing
 * in the same millisecond, which a demo can live with).
 *
 * Stored data that cannot be used (another version's shape, hand-edited, cut short, or too old to
 * be relevant) is replaced with a fresh practice and a notice says so; a browser that refuses
 * storage gets a practice in memory only, also with a notice. Nothing bricks the demo.
 */
import * as z from 'zod/mini';
import { Practice } from '../src/adapters/memory/practice.js';
import type { PracticeData } from '../src/adapters/memory/practice-data.js';
import { outboxEmailSchema, staffMemberSchema } from '../src/model/practice-api-schemas.js';
import { clientSchema, practicePolicySchema, scheduleSchema, storedAppointmentSchema } from '../src/model/practice-schemas.js';
import { locationSchema, providerSchema, serviceSchema } from '../src/model/schemas.js';
import { DAY } from '../src/scheduling/time-zone.js';
import { createDemoPractice } from './demo-practice.js';

/** Where the demo keeps its practice. */
export const demoStorageKey = 'self-schedule-elements:demo-practice';

/**
 * Bumped whenever PracticeData changes shape, so an older demo's data is set aside, not misread
 * (2: the staff who sign in to the practice API, and notes on declines).
 */
export const storageFormat = 2;

export interface StoredPracticeOptions {
  /** Where to keep the practice; the page's localStorage by default. `null` keeps it in memory only. */
  storage?: Storage | null;
  /** The storage key; `demoStorageKey` by default. */
  key?: string;
  /** The clock of the practice and of its seed. */
  now?: () => number;
  /** A fresh practice laid around `now`; the demo practice by default. */
  seed?: (now: number) => PracticeData;
  /** A stored practice seeded longer ago than this is replaced, so its dates stay near today. */
  maxAgeDays?: number;
}

/** What happened to the stored practice, as heard by `watch`. */
export type StoredPracticeChange =
  | { kind: 'changed' }
  /** Reseeded (Reset demo data, or unusable data replaced), here or in another tab. */
  | { kind: 'reset' }
  | { kind: 'notice'; message: string };

const id = z.string().check(z.minLength(1));

/** PracticeData as stored; `new Practice(parsed)` type-checks that what it accepts is a PracticeData. */
const practiceDataSchema = z.object({
  name: z.string(),
  email: z.string(),
  providers: z.array(providerSchema),
  locations: z.array(locationSchema),
  services: z.array(serviceSchema),
  schedules: z.array(scheduleSchema),
  clients: z.array(clientSchema),
  appointments: z.array(storedAppointmentSchema),
  policy: practicePolicySchema,
  outbox: z.optional(z.array(outboxEmailSchema)),
  staff: z.optional(z.array(z.extend(staffMemberSchema, { password: z.string() }))),
  idempotencyReplies: z.optional(z.record(z.string(), z.object({ fingerprint: z.string(), appointmentId: id }))),
});

/** What is kept under the key: the practice, and when and as which generation it was seeded. */
const envelopeSchema = z.object({
  format: z.literal(storageFormat),
  /** A new value on every reseed, so a tab can tell a reset from an ordinary change. */
  generation: id,
  seededAt: z.number(),
  data: practiceDataSchema,
});
type Envelope = z.infer<typeof envelopeSchema>;

/** Ids an appointment, schedule or e-mail names that the practice does not have: the Practice would fail on them. */
function danglingReferences(data: PracticeData): string[] {
  const ids = (items: Array<{ id: string }>) => new Set(items.map((item) => item.id));
  const providers = ids(data.providers);
  const locations = ids(data.locations);
  const services = ids(data.services);
  const clients = ids(data.clients);
  const appointments = ids(data.appointments);
  const missing: string[] = [];
  const check = (set: Set<string>, value: string, what: string) => {
    if (!set.has(value)) missing.push(`${what} "${value}"`);
  };
  for (const a of data.appointments) {
    check(providers, a.providerId, 'provider');
    check(locations, a.locationId, 'location');
    check(services, a.serviceId, 'service');
    check(clients, a.clientId, 'client');
  }
  for (const s of data.schedules) {
    check(providers, s.providerId, 'provider');
    check(locations, s.locationId, 'location');
  }
  for (const mail of data.outbox ?? []) check(appointments, mail.appointmentId, 'appointment');
  return missing;
}

type ReadResult = { envelope: Envelope } | { unusable: string };

/** Reads what is stored, or says in words why it cannot be used. */
export function readStoredPractice(raw: string, now: number, maxAgeDays: number): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { unusable: 'The saved demo data could not be read' };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== storageFormat) {
    return { unusable: 'The saved demo data came from another version of the demo' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'its top level';
    return { unusable: `The saved demo data was damaged (at ${where})` };
  }
  const missing = danglingReferences(parsed.data.data);
  if (missing.length) return { unusable: `The saved demo data refers to a ${missing[0]} it does not have` };
  if (now - parsed.data.seededAt > maxAgeDays * DAY) {
    return { unusable: `The saved demo data was more than ${maxAgeDays} days old` };
  }
  return { envelope: parsed.data };
}

/** The page's localStorage, or null where the browser refuses it (storage disabled, some private modes). */
function pageStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = `${demoStorageKey}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

const newGeneration = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** Practice methods that change it, after which the stored copy is written. */
const writeMethods = new Set<PropertyKey>([
  'request',
  'change',
  'cancel',
  'confirm',
  'decline',
  'setSelfScheduling',
] satisfies Array<keyof Practice>);

/** The generation a stored text names, or undefined when it names none (nothing stored, or not ours). */
function generationOf(raw: string | null): string | undefined {
  if (raw === null) return undefined;
  try {
    const { generation } = JSON.parse(raw) as { generation?: unknown };
    return typeof generation === 'string' ? generation : undefined;
  } catch {
    return undefined;
  }
}

export class StoredPractice {
  /**
   * A Practice to hand to the mock API's handlers: each call runs on the latest stored practice,
   * and a call that changes it saves it.
   */
  readonly practice: Practice;
  /** Everything said so far about the stored data, for a page that shows it once it is ready. */
  readonly notices: string[] = [];

  private storage: Storage | null;
  private readonly key: string;
  private readonly now: () => number;
  private readonly seed: (now: number) => PracticeData;
  private readonly maxAgeDays: number;
  private current!: Practice;
  private generation = '';
  private seededAt = 0;
  /** The stored text the current practice was loaded from or saved as: anything else is another tab's. */
  private lastSeen: string | null = null;
  private readonly noticeListeners = new Set<(message: string) => void>();

  constructor(options: StoredPracticeOptions = {}) {
    this.storage = options.storage === undefined ? pageStorage() : options.storage;
    this.key = options.key ?? demoStorageKey;
    this.now = options.now ?? Date.now;
    this.seed = options.seed ?? createDemoPractice;
    this.maxAgeDays = options.maxAgeDays ?? 7;
    if (options.storage === undefined && !this.storage) {
      this.tell('This browser does not let the demo keep data, so each page starts with its own fresh practice.');
    }
    this.sync();
    this.practice = this.createFacade();
  }

  /** Throws the practice away for a fresh one laid around now, here and (through storage) in every tab. */
  reset(): void {
    this.reseed();
  }

  /**
   * Hears what other tabs do to the stored practice (through the `storage` event, which a tab
   * never gets for its own writes), and notices about the stored data. Returns the way to stop.
   */
  watch(listener: (change: StoredPracticeChange) => void): () => void {
    const onNotice = (message: string) => listener({ kind: 'notice', message });
    const onStorage = (event: StorageEvent) => {
      // key null: the whole storage was cleared.
      if (event.storageArea !== this.storage || (event.key !== null && event.key !== this.key)) return;
      // Told apart by the texts themselves: this tab may already have loaded the new one for a request.
      const reseeded = event.key === null || generationOf(event.newValue) !== generationOf(event.oldValue);
      listener({ kind: reseeded ? 'reset' : 'changed' });
    };
    this.noticeListeners.add(onNotice);
    const hasWindow = typeof window !== 'undefined';
    if (hasWindow) window.addEventListener('storage', onStorage);
    return () => {
      this.noticeListeners.delete(onNotice);
      if (hasWindow) window.removeEventListener('storage', onStorage);
    };
  }

  /** Loads the stored practice when it is not the one this tab has (first call, or another tab wrote). */
  private sync(): void {
    if (!this.storage) {
      if (!this.generation) this.reseed();
      return;
    }
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      raw = this.lastSeen;
    }
    if (raw !== null && raw === this.lastSeen) return;
    if (raw === null) {
      // Nothing stored yet (a first visit), or cleared by hand: a fresh practice, without fuss.
      this.reseed();
      return;
    }
    const read = readStoredPractice(raw, this.now(), this.maxAgeDays);
    if ('unusable' in read) {
      this.tell(`${read.unusable}, so the demo started again with a fresh practice.`);
      this.reseed();
      return;
    }
    this.current = new Practice(read.envelope.data, { now: this.now });
    this.generation = read.envelope.generation;
    this.seededAt = read.envelope.seededAt;
    this.lastSeen = raw;
  }

  private reseed(): void {
    this.seededAt = this.now();
    this.current = new Practice(this.seed(this.seededAt), { now: this.now });
    this.generation = newGeneration();
    this.save();
  }

  private save(): void {
    if (!this.storage) return;
    const envelope: Envelope = {
      format: storageFormat,
      generation: this.generation,
      seededAt: this.seededAt,
      data: this.current.toJSON(),
    };
    const raw = JSON.stringify(envelope);
    try {
      this.storage.setItem(this.key, raw);
      this.lastSeen = raw;
    } catch {
      // Full or refused: keep going in memory, so this tab still works, and say what that means.
      this.storage = null;
      this.tell('The demo could not save its data in this browser, so other pages will not see changes made here.');
    }
  }

  private tell(message: string): void {
    this.notices.push(message);
    for (const listener of this.noticeListeners) listener(message);
  }

  /**
   * The object the handlers call: a stand-in whose methods run on the latest stored practice.
   * A Proxy keeps the handlers unaware of storage and follows every Practice method as it is.
   */
  private createFacade(): Practice {
    return new Proxy(Object.create(Practice.prototype) as Practice, {
      get: (_target, name) => {
        if (name === 'constructor') return Practice;
        const member: unknown = Reflect.get(Practice.prototype, name);
        if (typeof member !== 'function') return undefined;
        if (name === 'subscribe') {
          return () => {
            throw new Error('A stored practice does not push changes; StoredPractice.watch hears other tabs.');
          };
        }
        return (...args: unknown[]) => {
          this.sync();
          const result: unknown = Reflect.apply(member, this.current, args);
          if (writeMethods.has(name)) this.save();
          return result;
        };
      },
    });
  }
}
