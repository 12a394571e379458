/**
 * The seed file across restarts, on PGlite on disk: an unchanged file changes nothing, so what
 * staff set through the practice API (self-scheduling, hours, the policy) survives a restart; a
 * changed file is applied whole; the demo's reset restores the seed whole whatever was stored.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import type { Logger } from '../src/log.js';
import type { Seed } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import { writeSeedFile } from './load.js';
import { NOW, demoSeed, staffCookie, tempDataDir, testConfig } from './support.js';

interface Settings {
  policy: Seed['policy'];
  providers: Array<{ provider: { id: string; name: string; selfScheduling: boolean }; schedules: Seed['schedules'] }>;
}

/** A practice on one data folder and one seed file, started and stopped as often as a test likes. */
function practiceOnDisk(seed: Seed) {
  const dataDir = tempDataDir();
  const seedFile = writeSeedFile(seed);
  const events: string[] = [];
  const logger: Logger = { log: (_level, event) => void events.push(event) };
  let running: RunningServer | undefined;
  return {
    seedFile,
    events,
    /** Starts (the file read afresh, as at a real start), signs in as the front desk; the API's URL and the cookie. */
    async start(): Promise<{ api: string; cookie: string; server: RunningServer }> {
      running = await startServer(testConfig({ dataDir, seedFile }), { logger, now: () => NOW });
      const api = `${running.url}/api`;
      return { api, cookie: await staffCookie(api), server: running };
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
  };
}

async function call(api: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Settings & { error?: unknown } }> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { Cookie: cookie, Origin: new URL(api).origin, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Settings & { error?: unknown } };
}

const settingsOf = async (api: string, cookie: string): Promise<Settings> => {
  const answer = await call(api, cookie, 'GET', '/practice/settings');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
};
const chenOf = (settings: Settings) => settings.providers.find((p) => p.provider.id === 'dr-chen')!;
const chenRiverside = (settings: Settings) => chenOf(settings).schedules.find((s) => s.locationId === 'riverside')!;

/** Through the practice API: Dr. Chen stops self-scheduling, takes a day off at Riverside, and the slot step becomes 30 minutes. */
async function changeThroughTheApi(api: string, cookie: string): Promise<Settings> {
  const before = await settingsOf(api, cookie);
  assert.equal(chenOf(before).provider.selfScheduling, true);
  assert.notEqual(before.policy.slotStepMinutes, 30);
  assert.ok(!chenRiverside(before).daysOff?.includes('2027-01-04'));
  const { providerId: _p, locationId: _l, ...hours } = chenRiverside(before);
  const answers = [
    await call(api, cookie, 'PUT', '/practice/providers/dr-chen/self-scheduling', { selfScheduling: false }),
    await call(api, cookie, 'PUT', '/practice/providers/dr-chen/schedules/riverside', { ...hours, daysOff: [...(hours.daysOff ?? []), '2027-01-04'] }),
    await call(api, cookie, 'PUT', '/practice/policy', { ...before.policy, slotStepMinutes: 30 }),
  ];
  for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const changed = await settingsOf(api, cookie);
  assertChanged(changed);
  return changed;
}

function assertChanged(settings: Settings) {
  assert.equal(chenOf(settings).provider.selfScheduling, false);
  assert.ok(chenRiverside(settings).daysOff?.includes('2027-01-04'));
  assert.equal(settings.policy.slotStepMinutes, 30);
}

/** The settings as the seed has them (the order of providers and schedules as stored). */
function assertAsSeeded(settings: Settings, seed: Seed) {
  assert.deepEqual(settings.policy, seed.policy);
  for (const provider of seed.providers) {
    const stored = settings.providers.find((p) => p.provider.id === provider.id)!;
    assert.equal(stored.provider.name, provider.name);
    assert.equal(stored.provider.selfScheduling, provider.selfScheduling);
    for (const schedule of seed.schedules.filter((s) => s.providerId === provider.id)) {
      assert.deepEqual(stored.schedules.find((s) => s.locationId === schedule.locationId), schedule);
    }
  }
}

describe('the seed file across restarts (PGlite on disk)', () => {
  const practices: Array<ReturnType<typeof practiceOnDisk>> = [];
  const onDisk = (seed: Seed) => {
    const practice = practiceOnDisk(seed);
    practices.push(practice);
    return practice;
  };
  after(() => Promise.all(practices.map((practice) => practice.stop())));

  test('restarted with the same seed file: self-scheduling, hours and policy changed through the API survive', async () => {
    const seed = demoSeed();
    const practice = onDisk(seed);
    let { api, cookie } = await practice.start();
    assert.deepEqual(practice.events.filter((e) => e.startsWith('seed-')), ['seed-applied'], 'an empty database takes the file');
    const changed = await changeThroughTheApi(api, cookie);
    await practice.stop();

    ({ api, cookie } = await practice.start());
    assert.deepEqual(await settingsOf(api, cookie), changed);
    await practice.stop();

    // The same seed written with other spaces and line breaks is the same seed.
    writeFileSync(practice.seedFile, JSON.stringify(seed));
    ({ api, cookie } = await practice.start());
    assert.deepEqual(await settingsOf(api, cookie), changed);
    assert.deepEqual(practice.events.filter((e) => e.startsWith('seed-')), ['seed-applied', 'seed-unchanged', 'seed-unchanged']);
    await practice.stop();
  });

  test('restarted with an edited seed file: the file is applied whole (the API’s changes replaced, the new name shown)', async () => {
    const seed = demoSeed();
    const practice = onDisk(seed);
    let { api, cookie } = await practice.start();
    await changeThroughTheApi(api, cookie);
    await practice.stop();

    const edited: Seed = { ...seed, providers: seed.providers.map((p) => (p.id === 'dr-chen' ? { ...p, name: 'Dr. Maya Chen-Okoye' } : p)) };
    writeFileSync(practice.seedFile, JSON.stringify(edited, null, 2));
    ({ api, cookie } = await practice.start());
    const settings = await settingsOf(api, cookie);
    assert.equal(chenOf(settings).provider.name, 'Dr. Maya Chen-Okoye');
    assertAsSeeded(settings, edited);
    assert.deepEqual(practice.events.filter((e) => e.startsWith('seed-')), ['seed-applied', 'seed-applied']);
    await practice.stop();

    // Applied once, the edited file is the unchanged one from then on.
    ({ api, cookie } = await practice.start());
    await changeThroughTheApi(api, cookie);
    await practice.stop();
    ({ api, cookie } = await practice.start());
    assertChanged(await settingsOf(api, cookie));
    assert.equal(practice.events.filter((e) => e.startsWith('seed-')).at(-1), 'seed-unchanged');
    await practice.stop();
  });

  test('the demo’s reset restores the seed whole, and the restart after it keeps it', async () => {
    const seed = demoSeed();
    const practice = onDisk(seed);
    let { api, cookie } = await practice.start();
    await changeThroughTheApi(api, cookie);
    await practice.stop();

    ({ api, cookie } = await practice.start());
    assertChanged(await settingsOf(api, cookie));
    const reset = await fetch(`${api}/practice/demo/reset`, { method: 'POST', headers: { Origin: new URL(api).origin } });
    assert.equal(reset.status, 200, await reset.text());
    // The reset emptied the staff's sessions too: sign in again.
    cookie = await staffCookie(api);
    assertAsSeeded(await settingsOf(api, cookie), seed);
    await practice.stop();

    ({ api, cookie } = await practice.start());
    assertAsSeeded(await settingsOf(api, cookie), seed);
    await practice.stop();
  });
});
