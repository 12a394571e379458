// The byte budget CI runs (`npm run size`) must be able to fail: it is run here on builds that
// break it, a made-up one whose sizes and import graph are known, and the real one.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { byteReport, readBuild } from '../../scripts/bench/bytes.mjs';

const script = resolve(import.meta.dirname, '../../scripts/bench/size.mjs');

/** Runs the size check; resolves with its exit code and output, whatever the code. */
async function size(...args) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

// Filler that gzip cannot shrink much, so each file weighs about what its size says.
const filler = (kib) => `/*${randomBytes(kib * 768).toString('base64')}*/`;

let dir;
/** The made-up build's two budgeted figures, KiB gzip, as measured. */
let preGrid;
let total;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'size-budget-'));
  await mkdir(join(dir, 'chunks'));
  const files = {
    'self-schedule.js': `${filler(1)}const a=()=>import("./chunks/form-AAAAAAAA.js"),b=()=>import(\`./chunks/status-BBBBBBBB.js\`);`,
    'chunks/form-AAAAAAAA.js': `import{x}from"./shared-SSSSSSSS.js";${filler(10)}const g=()=>import("./grid-GGGGGGGG.js");`,
    'chunks/status-BBBBBBBB.js': `import"./shared-SSSSSSSS.js";${filler(4)}const f=()=>import("./form-AAAAAAAA.js");`,
    'chunks/shared-SSSSSSSS.js': `${filler(20)}export const x=1;`,
    'chunks/grid-GGGGGGGG.js': `${filler(60)}`,
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const report = byteReport(await readBuild(dir));
  preGrid = report.heaviest.preGrid.gzip / 1024;
  total = report.everything.gzip / 1024;
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the sets come from the import graph: an element with what it imports, its grid apart', async () => {
  const report = byteReport(await readBuild(dir));
  const form = report.elements.find((element) => element.name === 'form');
  const status = report.elements.find((element) => element.name === 'status');
  assert.deepEqual(form.preGrid.files, ['chunks/form-AAAAAAAA.js', 'chunks/shared-SSSSSSSS.js', 'self-schedule.js']);
  assert.deepEqual(form.grid.files, ['chunks/grid-GGGGGGGG.js']);
  // The status element may open the form, but that is another element, not its grid.
  assert.deepEqual(status.grid.files, []);
  assert.equal(report.heaviest, form);
  assert.equal(report.everything.files.length, 5);
  const gzip = (set) => set.files.reduce((sum, name) => sum + report.files.find((file) => file.name === name).gzip, 0);
  assert.equal(report.everything.gzip, gzip(report.everything));
  assert.equal(form.preGrid.gzip, gzip(form.preGrid));
  // The grid (60 KiB of filler) outweighs the rest, and is not in the pre-grid figure.
  assert.ok(form.grid.gzip > form.preGrid.gzip);
});

test('passes a build within its budgets', async () => {
  const result = await size(`--dir=${dir}`, `--pre-grid-budget=${preGrid + 0.5}`, `--total-budget=${total + 0.5}`);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /ok {3}pre-grid set of the heaviest element \(form\)/);
});

test('fails when the heaviest element is over its pre-grid budget', async () => {
  const result = await size(`--dir=${dir}`, `--pre-grid-budget=${preGrid - 0.5}`, `--total-budget=${total + 0.5}`);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /OVER pre-grid set/);
  assert.match(result.stderr, /A byte budget is broken/);
});

test('fails when everything together is over its budget', async () => {
  const result = await size(`--dir=${dir}`, `--pre-grid-budget=${preGrid + 0.5}`, `--total-budget=${total - 0.5}`);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /OVER everything/);
});

test('refuses a build that imports a file it did not emit', async () => {
  const broken = await mkdtemp(join(tmpdir(), 'size-budget-broken-'));
  try {
    await writeFile(join(broken, 'self-schedule.js'), 'const a=()=>import("./missing-XXXXXXXX.js");');
    const result = await size(`--dir=${broken}`);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /did not emit/);
  } finally {
    await rm(broken, { recursive: true, force: true });
  }
});

test('fails the real script-tag build against a tiny budget', async () => {
  const result = await size('--total-budget=1');
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stdout, /OVER everything the build emits/);
});
