// Summaries of repeated measurements. Every figure the bench reports is a median with its spread
// over n samples, never one run: the machine may be shared, and one run says little.

/** The q-quantile of sorted values, interpolated between neighbours. */
export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Median, quartiles and extremes of `values`. */
export function summarize(values) {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** "12.3 (11.9–12.8, n=25)": the median, then the interquartile range. */
export function formatSummary(summary, digits = 1, unit = '') {
  if (!summary.n) return 'n/a';
  const f = (value) => value.toFixed(digits);
  return `${f(summary.median)}${unit} (${f(summary.p25)}–${f(summary.p75)}, n=${summary.n})`;
}

/** A seeded PRNG (mulberry32), so generated inputs are the same on every run and machine. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Times `run(batch)` (which performs `batch` operations) and returns nanoseconds per operation,
 * summarized, per contender.
 *
 * Samples are short (about `sampleMs`, 50 µs by default, with the batch sized to fit): on a machine
 * with more runnable threads than cores, a long sample always holds other processes' time slices
 * and reads slower, however often it is repeated, while most short samples run within one slice.
 * Each contender first runs untimed for `warmupMs` (JIT, caches). The contenders then alternate
 * sample by sample, so that noise falls on all of them alike, until each has `maxSamples` or has
 * used `budgetMs` (but at least `minSamples`): an operation slower than a sample is timed alone.
 */
export function compare(contenders, { sampleMs = 0.05, warmupMs = 50, minSamples = 15, maxSamples = 301, budgetMs = 2000 } = {}) {
  const state = {};
  for (const [name, run] of Object.entries(contenders)) {
    let batch = 1;
    let warm = 0;
    let last = 0;
    while (warm < warmupMs || (last < sampleMs && batch < 1 << 24)) {
      const start = now();
      run(batch);
      last = now() - start;
      warm += last;
      if (last < sampleMs && batch < 1 << 24) batch *= 2;
    }
    state[name] = { run, batch: Math.max(1, Math.round((batch * sampleMs) / Math.max(last, 1e-6))), spent: 0, times: [] };
  }
  const wanting = () =>
    Object.values(state).filter(
      (entry) => entry.times.length < minSamples || (entry.times.length < maxSamples && entry.spent < budgetMs),
    );
  for (let round = wanting(); round.length; round = wanting()) {
    for (const entry of round) {
      const start = now();
      entry.run(entry.batch);
      const elapsed = now() - start;
      entry.spent += elapsed;
      entry.times.push((elapsed * 1e6) / entry.batch);
    }
  }
  return Object.fromEntries(Object.entries(state).map(([name, entry]) => [name, summarize(entry.times)]));
}
