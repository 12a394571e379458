// The adapters' timings, moved here from the unit tests (which check what happens, not how long
// it takes): parseResponse on ten thousand appointments, valid, refused and hostile; the
// in-memory adapter's configured latency; RestTransport's time limit and how soon it stops after
// an abort; the poller's real pace against the waits it asks for. Node, on the sources bundled as
// for the browser (modules.mjs).
import { compare, summarize } from './stats.mjs';

/** Bounds the unit tests asserted before they moved here; broken ones fail the bench. */
export const adapterBudgets = {
  parseMs: 1000,
  memoryLatencyMs: 120,
  memoryLatencyAtLeastMs: 110,
  timeLimitMs: 150,
  timeLimitAtLeastMs: 140,
  timeLimitBelowMs: 1500,
  abortBelowMs: 1000,
  /** The poller's interval; after failures its waits double to `pollMaxMs`. */
  pollIntervalMs: 25,
  pollMaxMs: 100,
  /** How much sooner than asked a poll may come: timers are kept to whole milliseconds. */
  pollEarlyToleranceMs: 2,
};

const WHAT = 'your appointments';
const LONG = 'x'.repeat(100_000);
const LONG_INSTANT = `2026-12-07T15:00:00.${'0'.repeat(100_000)}Z`;

function deeplyNested(depth, asArray) {
  let value = 'bottom';
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { nested: value, level };
  return value;
}

/** Ten thousand appointments, the test practice's three over and over, each changed by `change(copy, index)`. */
function tenThousand(examples, change = () => {}) {
  return {
    appointments: Array.from({ length: 10_000 }, (_, index) => {
      const copy = structuredClone(examples[index % examples.length]);
      change(copy, index);
      return copy;
    }),
  };
}

/** Milliseconds from `start()` until the promise it returns settles, `runs` times, one after another. */
async function timeSettling(runs, start) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const begun = performance.now();
    await start().then(
      () => undefined,
      () => undefined,
    );
    times.push(performance.now() - begun);
  }
  return summarize(times);
}

/** A fetch that never answers, rejecting only when its call is aborted (as a browser's does). */
const hangingFetch = (_url, init) =>
  new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true }));

/** Milliseconds from `abort()` to the call's rejection, aborted `afterMs` after it began. */
async function abortToRejection(runs, afterMs, call) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const controller = new AbortController();
    const settled = call(controller.signal).then(
      () => performance.now(),
      () => performance.now(),
    );
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    const aborted = performance.now();
    controller.abort();
    times.push((await settled) - aborted);
  }
  return summarize(times);
}

/**
 * The gaps between a failing poller's loads, each beside the wait it should have asked for (the
 * interval doubled after each failure, up to the cap): `polls` loads.
 */
async function pollingGaps(poll, polls) {
  const at = [];
  let stop;
  await new Promise((resolve) => {
    const load = async () => {
      at.push(performance.now());
      if (at.length === polls) resolve();
      throw new Error('down');
    };
    stop = poll(load, { onValue: () => {} }, { intervalMs: adapterBudgets.pollIntervalMs, maxIntervalMs: adapterBudgets.pollMaxMs });
  });
  stop();
  return at.slice(1).map((time, index) => ({
    gap: time - at[index],
    asked: Math.min(adapterBudgets.pollMaxMs, adapterBudgets.pollIntervalMs * 2 ** (index + 1)),
  }));
}

export async function benchAdapters({ parse, polling, transport, memory, schemas, fixtures }, { runs = 9 } = {}) {
  const { parseResponse } = parse;
  const { appointmentListSchema } = schemas;
  const { practice } = fixtures.createTestPractice();
  const examples = practice.appointmentsOf('client-alex');
  const problems = [];

  const inputs = {
    'valid, parsed': tenThousand(examples),
    'every status unknown, refused': tenThousand(examples, (copy) => (copy.status = 'pending')),
    '100,000-character strings, refused': tenThousand(examples, (copy, index) => {
      if (index === 0) copy.start = LONG_INSTANT;
      if (index === 1) copy.provider.name = LONG;
    }),
    'nested 10,000 deep, refused': tenThousand(examples, (copy, index) => {
      if (index === 0) copy.location = deeplyNested(10_000, false);
      if (index === 1) copy.manage = deeplyNested(10_000, true);
    }),
  };
  for (const [name, input] of Object.entries(inputs)) {
    let refused = false;
    try {
      parseResponse(appointmentListSchema, input, WHAT);
    } catch (error) {
      refused = error?.code === 'invalid-response';
    }
    if (refused !== name.endsWith('refused')) problems.push(`parseResponse, ${name}: ${refused ? 'refused' : 'accepted'}`);
  }
  const parsing = compare(
    Object.fromEntries(
      Object.entries(inputs).map(([name, input]) => [
        name,
        (batch) => {
          for (let i = 0; i < batch; i++) {
            try {
              parseResponse(appointmentListSchema, input, WHAT);
            } catch {
              // Refusing is the work timed for the hostile inputs.
            }
          }
        },
      ]),
    ),
    { minSamples: runs, maxSamples: 31, budgetMs: 1500, warmupMs: 0 },
  );
  const parseRows = Object.entries(parsing).map(([name, ns]) => {
    const ms = Object.fromEntries(Object.entries(ns).map(([key, value]) => [key, key === 'n' ? value : value / 1e6]));
    const ok = ms.min < adapterBudgets.parseMs;
    if (!ok) problems.push(`parseResponse, 10,000 appointments, ${name}: fastest ${ms.min.toFixed(0)} ms, budget ${adapterBudgets.parseMs} ms`);
    return { name, ms, ok };
  });

  const latency = adapterBudgets.memoryLatencyMs;
  const adapter = new memory.MemoryAdapter({ practice, clientId: 'client-alex', latency });
  const memoryLatency = await timeSettling(runs, () => adapter.listProviders());
  if (memoryLatency.min < adapterBudgets.memoryLatencyAtLeastMs) {
    problems.push(`MemoryAdapter with latency ${latency}: answered after ${memoryLatency.min.toFixed(0)} ms`);
  }

  const providerList = { method: 'GET', path: '/providers', schema: schemas.providerListSchema, what: 'providers' };
  const limited = new transport.RestTransport({ baseUrl: '/api', fetch: hangingFetch, timeoutMs: adapterBudgets.timeLimitMs, readRetries: 0 });
  const timeLimit = await timeSettling(runs, () => limited.send(providerList));
  if (timeLimit.min < adapterBudgets.timeLimitAtLeastMs || timeLimit.min >= adapterBudgets.timeLimitBelowMs) {
    problems.push(`RestTransport with timeoutMs ${adapterBudgets.timeLimitMs}: gave up after ${timeLimit.min.toFixed(0)} ms`);
  }

  const hanging = new transport.RestTransport({ baseUrl: '/api', fetch: hangingFetch, timeoutMs: 60_000 });
  const abortInFlight = await abortToRejection(runs, 20, (signal) => hanging.send({ ...providerList, options: { signal } }));
  const failing = () => Promise.resolve(new Response(null, { status: 503 }));
  const retrying = new transport.RestTransport({ baseUrl: '/api', fetch: failing, retryDelayMs: 2000, readRetries: 3 });
  const abortWhileWaiting = await abortToRejection(runs, 20, (signal) => retrying.send({ ...providerList, options: { signal } }));
  for (const [name, times] of [
    ['in flight', abortInFlight],
    ['while waiting to retry', abortWhileWaiting],
  ]) {
    if (times.min >= adapterBudgets.abortBelowMs) problems.push(`RestTransport, aborted ${name}: rejected ${times.min.toFixed(0)} ms later`);
  }

  const gaps = await pollingGaps(polling.poll, 4 * runs);
  const pollLateness = summarize(gaps.map(({ gap, asked }) => gap - asked));
  if (pollLateness.min < -adapterBudgets.pollEarlyToleranceMs) {
    problems.push(`poll: a load came ${(-pollLateness.min).toFixed(1)} ms sooner than the wait it asked for`);
  }

  return { parseRows, memoryLatency, timeLimit, abortInFlight, abortWhileWaiting, pollLateness, problems };
}
