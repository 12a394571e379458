/**
 * One adapter per API on a page: every element with the same `api-base` (resolved, so `/api` and
 * `https://this.origin/api` are one) uses the same RestAdapter, so they share its AppointmentStore
 * (one watch, one truth) as well as its sign-in. A page with a script tag and three elements needs
 * no JavaScript of its own for them to agree.
 */
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { LazyAdapter } from '../../adapters/lazy-adapter.js';

/** An element using a shared adapter: what the adapter's calls send on its behalf. */
export interface SharedAdapterMember {
  /** The portal's token for the client, if this element was given one. */
  readonly accessToken?: string;
  /** When `accessToken` was last set (an increasing count): the freshest token is sent. */
  readonly accessTokenSetAt: number;
  /** The exchange of the page's sign-in link, which calls wait for (its cookie must be set first). */
  readonly signingIn?: Promise<unknown>;
}

interface SharedAdapter {
  adapter: BookingAdapter;
  members: Set<SharedAdapterMember>;
}

const byBase = new Map<string, SharedAdapter>();

function resolved(apiBase: string): string {
  try {
    return new URL(apiBase, location.href).href;
  } catch {
    return apiBase;
  }
}

/** The headers every call of the shared adapter sends: after any link exchange, the freshest token of its elements. */
async function headersOf(members: Set<SharedAdapterMember>): Promise<Record<string, string>> {
  await Promise.all([...members].map((member) => (member.signingIn ?? Promise.resolve()).catch(() => undefined)));
  let freshest: SharedAdapterMember | undefined;
  for (const member of members) {
    if (member.accessToken && (!freshest || member.accessTokenSetAt > freshest.accessTokenSetAt)) freshest = member;
  }
  return freshest?.accessToken ? { Authorization: `Bearer ${freshest.accessToken}` } : {};
}

/**
 * The page's adapter for `apiBase`, with `member` (when given) counted among its elements until
 * `leaveSharedAdapter`. Its RestAdapter is downloaded on the first call: a page that gives its
 * own adapter never loads it.
 */
export function joinSharedAdapter(apiBase: string, member?: SharedAdapterMember): BookingAdapter {
  const base = resolved(apiBase);
  let shared = byBase.get(base);
  if (!shared) {
    const members = new Set<SharedAdapterMember>();
    const adapter = new LazyAdapter(async () => {
      const { RestAdapter } = await import('../../adapters/rest/rest-adapter.js');
      return new RestAdapter({ baseUrl: apiBase, credentials: 'include', headers: () => headersOf(members) });
    });
    shared = { adapter, members };
    byBase.set(base, shared);
  }
  if (member) shared.members.add(member);
  return shared.adapter;
}

/** `member` no longer uses the adapter for `apiBase` (it left the page, or its `api-base` changed). */
export function leaveSharedAdapter(apiBase: string, member: SharedAdapterMember): void {
  byBase.get(resolved(apiBase))?.members.delete(member);
}
