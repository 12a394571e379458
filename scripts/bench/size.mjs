// `npm run size`: builds the script tag, reports its bytes, and fails when a byte budget is
// broken. CI runs it; `npm run bench` runs the same check as its first part.
//   --dir=PATH            measure an existing build instead of building one
//   --pre-grid-budget=KiB --total-budget=KiB   override the budgets (the test uses tiny ones)
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { aims, budgets, peers } from './budgets.mjs';
import { buildCdn, byteReport, kib, readBuild } from './bytes.mjs';

const f1 = (bytes) => kib(bytes).toFixed(1);

/** The byte budgets, each with its measured value and whether it holds. */
export function checkBytes(report, limits = budgets) {
  return [
    {
      name: `pre-grid set of the heaviest element (${report.heaviest.name}), gzip`,
      value: kib(report.heaviest.preGrid.gzip),
      limit: limits.preGridGzipKiB,
      aim: aims.preGridGzipKiB,
    },
    { name: 'everything the build emits, gzip', value: kib(report.everything.gzip), limit: limits.totalGzipKiB, aim: aims.totalGzipKiB },
  ].map((check) => ({ ...check, ok: check.value <= check.limit }));
}

/** What a page loads to show a booking grid (the form's pre-grid and grid sets), against the peers. */
export function peerRatios(report) {
  const form = report.elements.find((element) => element.name === 'self-schedule-form') ?? report.heaviest;
  const withGrid = kib(form.preGrid.gzip + form.grid.gzip);
  return {
    withGrid,
    everything: kib(report.everything.gzip),
    ratios: peers.map((peer) => ({ ...peer, withGrid: withGrid / peer.gzipKiB, everything: kib(report.everything.gzip) / peer.gzipKiB })),
  };
}

export function printBytes(report, checks) {
  const lines = ['Script-tag build (KiB: raw / gzip / brotli)'];
  for (const file of report.files) lines.push(`  ${file.name.padEnd(44)} ${f1(file.raw).padStart(7)} ${f1(file.gzip).padStart(7)} ${f1(file.brotli).padStart(7)}`);
  const row = (label, set) => `  ${label.padEnd(44)} ${f1(set.raw).padStart(7)} ${f1(set.gzip).padStart(7)} ${f1(set.brotli).padStart(7)}`;
  lines.push('Sets');
  lines.push(row('entry file alone', report.entry));
  for (const element of report.elements) {
    lines.push(row(`<${element.name}> before its grid`, element.preGrid));
    if (element.grid.files.length) lines.push(row(`<${element.name}> grid, on demand`, element.grid));
  }
  lines.push(row('all three elements before a grid', report.allThree));
  lines.push(row('everything', report.everything));
  const { withGrid, ratios } = peerRatios(report);
  lines.push(`Peers: the form with its grid is ${withGrid.toFixed(1)} KiB gzip`);
  for (const peer of ratios) {
    lines.push(`  ${(peer.withGrid * 100).toFixed(0)}% of ${peer.name} (${peer.gzipKiB} KiB); everything is ${(peer.everything * 100).toFixed(0)}%`);
  }
  lines.push('Budgets');
  for (const check of checks) {
    lines.push(`  ${check.ok ? 'ok  ' : 'OVER'} ${check.name}: ${check.value.toFixed(1)} KiB (budget ${check.limit}, aim ${check.aim})`);
  }
  console.log(lines.join('\n'));
}

async function main() {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, 'pre-grid-budget': { type: 'string' }, 'total-budget': { type: 'string' } },
  });
  const limits = {
    ...budgets,
    ...(values['pre-grid-budget'] && { preGridGzipKiB: Number(values['pre-grid-budget']) }),
    ...(values['total-budget'] && { totalGzipKiB: Number(values['total-budget']) }),
  };
  const dir = values.dir ?? (await buildCdn());
  try {
    const report = byteReport(await readBuild(dir));
    const checks = checkBytes(report, limits);
    printBytes(report, checks);
    if (checks.some((check) => !check.ok)) {
      console.error('A byte budget is broken.');
      process.exitCode = 1;
    }
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
