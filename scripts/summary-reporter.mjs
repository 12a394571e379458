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
  /** Seconds each file took: from the previous file's results in its group to its own. */
  const fileSeconds = [];
  /** When each group started, and when its latest file's results came. */
  let started = 0;
  const lastOf = new Map();
  return {
    onTestRunStarted() {
      started = performance.now();
    },
    reportTestFileResults({ testFile, sessionsForTestFile }) {
      // Each group runs one page at a time in a browser of its own, so the time since the group's
      // previous file is this file's own: its page's load, its hooks and its tests (and, for a
      // group's first file, what the run sets up before its first page).
      const now = performance.now();
      const group = [...new Set(sessionsForTestFile.map((session) => session.group.name))].join(', ');
      // A group's first file is timed from the run's start: a group may wait for a free browser.
      const first = !lastOf.has(group) ? ', first of its group' : '';
      fileSeconds.push({
        file: `${testFile.replace(`${process.cwd()}/`, '')}${group === 'default' ? '' : ` (${group}${first})`}`,
        seconds: (now - (lastOf.get(group) ?? started)) / 1000,
      });
      lastOf.set(group, now);
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
      // The run lasts as long as its slowest group: a group ending long before another is time to
      // move files between them (web-test-runner.config.js).
      const groups = [...lastOf].map(([group, at]) => `  ${((at - started) / 1000).toFixed(1).padStart(6)} s  ${group}`);
      const heading =
        fileSeconds.length > 1 ? `\nSlowest files:\n${slowest.join('\n')}\n${groups.length > 1 ? `Groups done at:\n${groups.join('\n')}\n` : ''}` : '';
      // Printed after the progress display has finished with the terminal.
      setTimeout(() => console.log(`${heading}\n${totals.passed} passed, ${totals.failed} failed${skipped}`), 0);
    },
  };
}
