// Server-side-rendering safety, on the fast path: every JavaScript entry of the package's `exports`
// map imports in plain Node, and the package's own code reads no browser global while doing so
// (elements touch the DOM only once a page uses them). package.e2e.test.mjs checks the same on the
// packed and installed tarball; this one needs no pack and no install.
//
// The sources are compiled afresh with tsconfig.build.json into a temporary folder, next to a copy
// of package.json, so each entry is imported by its public name through the real `exports` map.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { describeProbe, elementNames, importWithoutBrowser } from './ssr-support.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
/** `self-schedule-elements`, `self-schedule-elements/scheduling`, …: every entry that is JavaScript. */
const entries = Object.entries(manifest.exports)
  .filter(([, target]) => typeof target === 'object' && target.default?.endsWith('.js'))
  .map(([subpath]) => manifest.name + subpath.slice(1));

let folder;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ss-ssr-'));
  // JavaScript only: declarations and maps do not change what an import runs.
  const options = ['--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false', '--inlineSources', 'false'];
  await run(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(folder, 'dist'), ...options],
    { cwd: root, timeout: 180_000 },
  ).catch((error) => assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`));
  await writeFile(join(folder, 'package.json'), JSON.stringify(manifest));
  await symlink(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
}, { timeout: 200_000 });

after(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('the exports map names the entry points a server imports', () => {
  assert.deepEqual(entries, [
    'self-schedule-elements',
    'self-schedule-elements/scheduling',
    'self-schedule-elements/adapters',
    'self-schedule-elements/model',
    'self-schedule-elements/testing',
    'self-schedule-elements/self-schedule-form',
    'self-schedule-elements/appointment-status',
    'self-schedule-elements/appointment-calendar',
    'self-schedule-elements/appointment-requests',
  ]);
});

for (const specifier of entries) {
  test(`${specifier} imports in Node without reading a browser global`, async () => {
    const result = await importWithoutBrowser({ cwd: folder, specifier, ownCode: join(folder, 'dist') });
    assert.equal(result.error, undefined, describeProbe(specifier, result));
    assert.deepEqual(result.ownReads, [], describeProbe(specifier, result));
    assert.ok(result.exported.length > 0, 'it exports something');
  });
}

test('the main entry registers the elements and exports their classes in Node', async () => {
  const result = await importWithoutBrowser({ cwd: folder, specifier: manifest.name, ownCode: join(folder, 'dist') });
  assert.deepEqual(result.defined, elementNames);
  for (const name of ['SelfScheduleForm', 'AppointmentStatusElement', 'AppointmentCalendarElement', 'RestAdapter']) {
    assert.ok(result.exported.includes(name), `exports ${name}`);
  }
});
