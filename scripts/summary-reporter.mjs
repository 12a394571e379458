// Ends a test run with one plain line, "N passed, N failed[, N skipped]", that CI can read
// whatever the progress display printed before it, and the slowest files before it: the suite
// stays fast only while someone sees where its time goes.
function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

/** How many of the slowest files are listed. */
const slowestShown = 8;

export function summaryReporter() {
  /** Seconds each file (per group) took: from the previous file's results to its own. */
  const fileSeconds = [];
  let last = 0;
  return {
    onTestRunStarted() {
      last = performance.now();
    },
    reportTestFileResults({ testFile, sessionsForTestFile }) {
      // With the config's one page at a time, the time since the previous file's results is this
      // file's own: its page's load, its hooks and its tests (and, for the first file, what the
      // run sets up before its first page).
      const now = performance.now();
      const groups = [...new Set(sessionsForTestFile.map((session) => session.group.name))].join(', ');
      fileSeconds.push({ file: `${testFile.replace(`${process.cwd()}/`, '')}${groups === 'default' ? '' : ` (${groups})`}`, seconds: (now - last) / 1000 });
      last = now;
    },
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that failed to load has no results but must still count against the run.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) totals.failed++;
      }
      const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
      const slowest = fileSeconds
        .sort((a, b) => b.seconds - a.seconds)
        .slice(0, slowestShown)
        .map(({ file, seconds }) => `  ${seconds.toFixed(1).padStart(6)} s  ${file}`);
      const heading = fileSeconds.length > 1 ? `\nSlowest files:\n${slowest.join('\n')}\n` : '';
      // Printed after the progress display has finished with the terminal.
      setTimeout(() => console.log(`${heading}\n${totals.passed} passed, ${totals.failed} failed${skipped}`), 0);
    },
  };
}
