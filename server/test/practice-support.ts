/**
 * What the practice API's tests share: staff signing in through the API (as the staff page
 * would), staff tokens from the portal, a request of Alex's for Wednesday morning with Dr. Chen,
 * and Dr. Chen's hours at the Riverside Office as the demo practice has them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type CallOptions, type Harness, type PortalKeys, type TokenOptions, alex, portalToken, seed } from './identity-support.js';
import type { ContractResponse } from './openapi.js';
import { demoStaffPassword, frontDesk } from './support.js';

/** Wednesday 9 December 2026, 9:00–9:50 in New York: inside Dr. Chen's hours at Riverside. */
export const wednesday = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: '2026-12-09T09:00:00-05:00', end: '2026-12-09T09:50:00-05:00' };
export const wednesdayStart = Date.parse(wednesday.start);

/** Dr. Chen's hours at Riverside in the seed, without their ids (a ScheduleUpdate). */
export function chenRiversideHours() {
  const { providerId: _p, locationId: _l, ...update } = structuredClone(seed.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!);
  return update;
}

/** Signs in with a password; the answer and the cookie it set (`name=value`). */
export async function staffSignIn(h: Harness, email: string, password = demoStaffPassword, options: CallOptions = {}): Promise<{ answer: ContractResponse; cookie?: string }> {
  const answer = await h.call('POST', '/practice/auth/sign-in', { ...options, body: { email, password } });
  const setCookie = answer.headers.getSetCookie()[0];
  return { answer, ...(setCookie && answer.status === 200 ? { cookie: setCookie.split(';')[0] } : {}) };
}

/** A staff session cookie (the front desk's unless `email` says otherwise). */
export async function staffCookie(h: Harness, email = frontDesk.email): Promise<string> {
  const { answer, cookie } = await staffSignIn(h, email);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return cookie!;
}

/** A portal's token for a member of staff (the front desk's unless `provider` limits it). */
export function staffToken(keys: PortalKeys, clock: { now: number }, { provider, ...options }: TokenOptions & { provider?: string } = {}): Promise<string> {
  return portalToken(keys, clock, { sub: 'portal-staff-1', ...options, claims: { role: 'staff', ...(provider ? { provider } : {}), ...options.claims } });
}

/** Alex asks for `slot` (by a portal token); the new appointment. */
export async function requestAs(h: Harness, keys: PortalKeys, slot = wednesday, clientId = alex.id): Promise<{ id: string; [key: string]: unknown }> {
  const answer = await h.call('POST', '/appointments', { bearer: await portalToken(keys, h.server.clock, { sub: clientId }), key: randomUUID(), body: slot });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}
