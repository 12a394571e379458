// The npm package as someone else gets it: built, packed with `npm pack`, installed into a fresh
// folder, then imported in Node (with no browser globals), type-checked as a consumer would, and
// its script-tag bundle run on the example page in Chromium.
//
// The build and the pack run in a temporary copy of the project (sharing node_modules by a
// symlink): `npm run build` empties dist/, and other test files may be reading dist/ at the same
// time. The install may fetch the dependencies from the registry; the npm cache is used first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startMockServer } from '../../scripts/mock-server.mjs';
import { describeProbe, elementNames, importWithoutBrowser } from './ssr-support.mjs';
import { launchBrowser } from './support.mjs';

const execFileAsync = promisify(execFile);
/** Every element, each with an entry of its own (`${name}/<tag>`). */
const tagNames = ['self-schedule-form', 'appointment-status', 'appointment-calendar', 'appointment-requests'];
/** The in-memory fakes, which only `/testing` exports. */
const fakes = ['Practice', 'MemoryAdapter', 'MemoryPracticeAdapter', 'createDemoPractice'];
const root = resolve(import.meta.dirname, '../..');
const { name, version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Not part of a build: installed, generated, or this machine's own. */
const notCopied = new Set(['node_modules', '.git', 'dist', '.tmp', 'coverage']);

// Under `npm test`, npm hands its scripts variables such as npm_config_local_prefix (this
// project); an npm started from here must work out its own folder. Only where packages come
// from is passed on.
const passedOn = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_cafile']);
const npmEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || passedOn.has(key))),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

async function npm(args, cwd) {
  try {
    return await execFileAsync('npm', args, { cwd, env: npmEnv, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // tsc and Vite report on stdout, which the error's message leaves out.
    throw new Error(`npm ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`, { cause: error });
  }
}

let work;
let tarball;
/** Paths in the tarball, relative to its package folder. */
let packed;
let consumer;
let installed;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'ss-package-'));
  const copy = join(work, 'project');
  await cp(root, copy, {
    recursive: true,
    filter: (source) => {
      const segments = relative(root, source).split(/[\\/]/);
      return !notCopied.has(segments[0]) && !segments.includes('node_modules') && !source.endsWith('.tgz');
    },
  });
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const manifest = JSON.parse(await readFile(join(copy, 'package.json'), 'utf8'));
  // A `prepack` script, where there is one, builds as part of `npm pack`.
  if (!manifest.scripts?.prepack) await npm(['run', 'build'], copy);
  const packedInto = join(work, 'packed');
  await mkdir(packedInto);
  const { stdout } = await npm(['pack', '--json', '--pack-destination', packedInto], copy);
  // npm prints its lifecycle scripts' output before the JSON, coloured where the environment
  // asks for colour (so an escape's `[` may come first): the report starts at a line of its own.
  const reportStart = stdout.search(/^\[$/m);
  assert.ok(reportStart >= 0, `npm pack printed no JSON report:\n${stdout}`);
  const [report] = JSON.parse(stdout.slice(reportStart));
  tarball = join(packedInto, report.filename);
  packed = report.files.map((file) => file.path);

  consumer = join(work, 'consumer');
  await mkdir(consumer);
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
  installed = join(consumer, 'node_modules', name);
}, { timeout: 900_000 });

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds the built modules, their types, the script-tag bundle, the manifest and the papers', () => {
  assert.equal(basename(tarball), `${name}-${version}.tgz`);
  for (const path of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'custom-elements.json',
    'docs/rest-api.md',
    'docs/openapi.yaml',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/scheduling/index.js',
    'dist/scheduling/index.d.ts',
    'dist/adapters/index.js',
    'dist/adapters/index.d.ts',
    'dist/model/index.js',
    'dist/model/index.d.ts',
    'dist/elements/self-schedule-form/self-schedule-form.js',
    'dist/elements/self-schedule-form/self-schedule-form.d.ts',
    'dist/testing/index.js',
    'dist/testing/index.d.ts',
    ...tagNames.flatMap((tag) => [`dist/elements/${tag}.js`, `dist/elements/${tag}.d.ts`]),
    'dist/cdn/self-schedule.js',
  ]) {
    assert.ok(packed.includes(path), `${path} is packed`);
  }
  // Every module has its declarations beside it.
  for (const path of packed.filter((file) => /^dist\/(?!cdn\/).*\.js$/.test(file))) {
    assert.ok(packed.includes(path.replace(/\.js$/, '.d.ts')), `${path} has its .d.ts`);
  }
});

/** Every installed copy of `packageName` under `folder`, as the versions found, nested ones too. */
async function installedCopies(folder, packageName) {
  const copies = [];
  async function visit(modules) {
    let entries;
    try {
      entries = await readdir(modules, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.filter((candidate) => candidate.isDirectory() && !candidate.name.startsWith('.'))) {
      const names = entry.name.startsWith('@')
        ? (await readdir(join(modules, entry.name))).map((scoped) => `${entry.name}/${scoped}`)
        : [entry.name];
      for (const found of names) {
        if (found === packageName) copies.push(JSON.parse(await readFile(join(modules, found, 'package.json'), 'utf8')).version);
        await visit(join(modules, found, 'node_modules'));
      }
    }
  }
  await visit(join(folder, 'node_modules'));
  return copies;
}

// Our dependencies are caret ranges, so a host that already has another compatible version keeps
// one copy: the exact pins they replaced (zod 4.6.7, temporal-polyfill 1.0.8) nested a second copy
// under ours beside a host's older zod 4.5.0 or later temporal-polyfill 1.0.9. (zod's floor is
// 4.5.0: earlier 4.x accept instants without seconds, which the server's bad-input tests refuse.)
test('a host with its own compatible zod and temporal-polyfill ends up with one copy of each', { timeout: 600_000 }, async () => {
  const hostVersions = { zod: '4.5.0', 'temporal-polyfill': '1.0.9' };
  const { dependencies } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const host = join(work, 'host');
  await mkdir(host);
  await writeFile(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', dependencies: hostVersions }));
  await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], host);
  for (const [dependency, version] of Object.entries(hostVersions)) {
    assert.ok(dependencies[dependency], `${name} depends on ${dependency}`);
    assert.deepEqual(await installedCopies(host, dependency), [version], `one ${dependency}, the host's ${version} (we ask for ${dependencies[dependency]})`);
  }
});

test('the tarball holds nothing from development', () => {
  const development = packed.filter((path) =>
    /^(src|test|demo|mock-api|examples|scripts|node_modules|coverage|\.ci|\.tmp)\//.test(path) ||
    /(^|\/)(\.git|\.gitignore|tsconfig[^/]*\.json|vite\.config\.ts|eslint\.config\.js|web-test-runner\.config\.js|package-lock\.json)$/.test(path) ||
    /\.(test|spec)\.[jt]s$/.test(path),
  );
  assert.deepEqual(development, []);
});

test('source maps carry their sources, since src/ is not published', async () => {
  const maps = packed.filter((path) => path.endsWith('.map'));
  for (const path of maps) {
    const map = JSON.parse(await readFile(join(installed, path), 'utf8'));
    assert.ok(map.sourcesContent?.length === map.sources.length && map.sourcesContent.every(Boolean), `${path} lacks its sources`);
  }
});

test('every path in the exports map exists in the installed package', async () => {
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
  const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const target of [...targets, manifest.main, manifest.types]) {
    assert.ok(packed.includes(target.replace(/^\.\//, '')), `${target} is packed`);
  }
});

for (const subpath of ['', '/scheduling', '/adapters', '/model', '/testing', ...tagNames.map((tag) => `/${tag}`)]) {
  test(`${name}${subpath} imports in Node from the installed package without reading a browser global`, async () => {
    const specifier = name + subpath;
    const result = await importWithoutBrowser({ cwd: consumer, specifier, ownCode: installed });
    assert.equal(result.error, undefined, describeProbe(specifier, result));
    assert.deepEqual(result.ownReads, [], describeProbe(specifier, result));
    if (!subpath) assert.deepEqual(result.defined, elementNames);
  });
}

/** Which elements importing `specifier` in Node defines (in Lit's registry there), and what it exports. */
async function importInNode(specifier) {
  const script = `
    const exported = Object.keys(await import(process.argv[1]));
    const defined = JSON.parse(process.argv[2]).filter((tag) => globalThis.customElements?.get(tag));
    process.stdout.write(JSON.stringify({ exported, defined }));
  `;
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '--eval', script, specifier, JSON.stringify(tagNames)], {
    cwd: consumer,
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

test('the root entry registers every element and exports no fake; each element entry registers its element alone', async () => {
  const root = await importInNode(name);
  assert.deepEqual(root.defined, tagNames);
  assert.deepEqual(fakes.filter((fake) => root.exported.includes(fake)), []);
  const adapters = await importInNode(`${name}/adapters`);
  assert.deepEqual(fakes.filter((fake) => adapters.exported.includes(fake)), []);
  for (const tag of tagNames) {
    const entry = await importInNode(`${name}/${tag}`);
    assert.deepEqual(entry.defined, [tag], `${name}/${tag} registers <${tag}> alone`);
  }
});

test('/testing exports the fakes and the conformance suite, and registers no element', async () => {
  const testing = await importInNode(`${name}/testing`);
  assert.deepEqual(testing.defined, []);
  for (const member of [...fakes, 'describeAdapterConformance', 'createTestPractice', 'NOW']) {
    assert.ok(testing.exported.includes(member), `${name}/testing exports ${member}`);
  }
});

// The suite takes the runner's describe and it, so an integrator runs it under node:test (or
// vitest, or jest) as well as under mocha, as this repository's browser tests do.
test('the installed conformance suite runs under node:test against the installed MemoryAdapter', { timeout: 120_000 }, async () => {
  await writeFile(
    join(consumer, 'conformance.test.mjs'),
    `import { describe, it } from 'node:test';
import { MemoryAdapter, describeAdapterConformance } from '${name}/testing';

describeAdapterConformance('MemoryAdapter', async ({ practice }) => ({
  adapter: new MemoryAdapter({ practice, clientId: 'client-alex' }),
  otherClient: new MemoryAdapter({ practice, clientId: 'client-taylor' }),
}), { describe, it });
`,
  );
  // Without NODE_TEST_CONTEXT, which this runner sets: the inner run reports in TAP, not to this runner.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_TEST_CONTEXT'));
  let stdout;
  try {
    ({ stdout } = await execFileAsync(process.execPath, ['--test', '--test-reporter=tap', 'conformance.test.mjs'], { cwd: consumer, env, timeout: 110_000 }));
  } catch (error) {
    assert.fail(`the suite failed under node:test:\n${error.stdout}${error.stderr}`);
  }
  assert.match(stdout, /^# fail 0$/m);
  assert.match(stdout, /^ok \d+ - MemoryAdapter \(BookingAdapter conformance\)$/m);
  assert.match(stdout, /ok \d+ - gives one of ten simultaneous requests for a slot, and conflict to the rest/);
  assert.ok(Number(/^# pass (\d+)$/m.exec(stdout)?.[1]) >= 39, 'every conformance test ran');
});

/** The relative modules `file` imports: `static` (loaded with it) and `dynamic` (by `import()`). */
async function importsOf(file) {
  const code = await readFile(file, 'utf8');
  const found = (pattern) =>
    [...code.matchAll(pattern)].map((match) => match[1] ?? match[2]).filter((specifier) => specifier.startsWith('.'));
  return {
    static: found(/^\s*(?:import|export)\b[^;'"()]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm).map((specifier) =>
      join(dirname(file), specifier),
    ),
    dynamic: found(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g).map((specifier) => join(dirname(file), specifier)),
  };
}

test('an element loads RestAdapter only through import(), when it has api-base', async () => {
  const restAdapter = join(installed, 'dist/adapters/rest/rest-adapter.js');
  const loadedLazily = [];
  for (const tag of ['self-schedule-form', 'appointment-status', 'appointment-calendar']) {
    const seen = new Set();
    const pending = [join(installed, `dist/elements/${tag}.js`)];
    while (pending.length) {
      const file = pending.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      const imports = await importsOf(file);
      pending.push(...imports.static);
      if (imports.dynamic.includes(restAdapter)) loadedLazily.push(relative(installed, file));
    }
    assert.ok(!seen.has(restAdapter), `${name}/${tag} imports RestAdapter with the element`);
    assert.ok(seen.size > 10, `${name}/${tag}'s imports were followed (${seen.size} modules)`);
  }
  assert.ok(loadedLazily.includes('dist/elements/shared/shared-adapters.js'), 'the elements import() RestAdapter for api-base');
});

test('the installed modules work in Node: rules, links, and the REST adapter against the mock API', async () => {
  const server = await startMockServer();
  try {
    const script = `
      import assert from 'node:assert/strict';
      import { buildTherapistLink, RestAdapter } from '${name}';
      import { union } from '${name}/scheduling';
      import { providerSchema } from '${name}/model';
      import { BookingError } from '${name}/adapters';
      import elements from '${name}/custom-elements.json' with { type: 'json' };
      assert.deepEqual(union([{ start: 0, end: 10 }], [{ start: 5, end: 20 }]), [{ start: 0, end: 20 }]);
      assert.equal(
        buildTherapistLink('https://practice.example/book', { provider: 'dr-chen', location: 'riverside', service: 'individual-50' }),
        'https://practice.example/book?provider=dr-chen&location=riverside&service=individual-50',
      );
      const tags = elements.modules.flatMap((module) => module.declarations ?? []).map((declaration) => declaration.tagName).filter(Boolean);
      assert.deepEqual(tags.sort(), ['appointment-calendar', 'appointment-requests', 'appointment-status', 'self-schedule-form']);
      const signedIn = new RestAdapter({ baseUrl: process.argv[1], headers: { Authorization: 'Bearer client-alex' } });
      const providers = await signedIn.listProviders();
      assert.ok(providers.every((provider) => providerSchema.safeParse(provider).success));
      assert.ok(providers.some((provider) => provider.id === 'dr-chen'));
      const stranger = new RestAdapter({ baseUrl: process.argv[1] });
      await assert.rejects(stranger.listProviders(), (error) => error instanceof BookingError && error.code === 'unauthorized');
    `;
    await execFileAsync(process.execPath, ['--input-type=module', '--eval', script, `${server.url}api`], { cwd: consumer, timeout: 60_000 });
  } finally {
    await server.close();
  }
});

test('the installed types check in a strict TypeScript consumer, and are not any', { timeout: 300_000 }, async () => {
  await writeFile(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        // The package's own declarations are checked; its dependencies' are theirs to answer for.
        skipLibCheck: false,
        types: [],
      },
      files: ['consumer.ts'],
    }),
  );
  await writeFile(
    join(consumer, 'consumer.ts'),
    `import { RestAdapter, RestPracticeAdapter, buildTherapistLink, type Appointment, type AppointmentRequestsElement, type PracticeAppointment, type SelfScheduleForm } from '${name}';
import { IntervalIndex, union, type Interval } from '${name}/scheduling';
import { BookingError, type BookingAdapter } from '${name}/adapters';
import { appointmentSchema, type Provider } from '${name}/model';
import * as rootEntry from '${name}';
import type { AppointmentStatusElement } from '${name}/appointment-status';
import { MemoryAdapter, createTestPractice, describeAdapterConformance, type HarnessFactory } from '${name}/testing';

const adapter: BookingAdapter = new RestAdapter({ baseUrl: '/api/booking' });
const form: SelfScheduleForm = document.createElement('self-schedule-form');
form.adapter = adapter;
form.addEventListener('ss-request-submit', (event) => {
  const appointment: Appointment = event.appointment;
  console.log(appointment.status, appointment.start);
});
document.querySelector('appointment-status')?.addEventListener('ss-status-change', () => undefined);
const inbox: AppointmentRequestsElement = document.createElement('appointment-requests');
inbox.adapter = new RestPracticeAdapter({ baseUrl: '/api/booking' });
inbox.addEventListener('ss-request-declined', (event) => {
  const declined: PracticeAppointment = event.appointment;
  console.log(declined.client.name, declined.declineNote, declined.conflicts.length);
});
const open: Interval[] = union([{ start: 0, end: 1 }], [{ start: 2, end: 3 }]);
console.log(new IntervalIndex(open), buildTherapistLink('https://practice.example/book', { provider: 'dr-chen' }));
const providers: Promise<Provider[]> = adapter.listProviders();
void providers.catch((error: unknown) => error instanceof BookingError && error.code);
console.log(appointmentSchema.safeParse({}).success);
// @ts-expect-error: a status is one of four words, so the types are real, not any.
const status: Appointment['status'] = 'maybe';
console.log(status);
const statusElement: AppointmentStatusElement | null = document.querySelector('appointment-status');
console.log(statusElement?.adapter);
const memory: HarnessFactory = async ({ practice }) => ({
  adapter: new MemoryAdapter({ practice, clientId: 'client-alex' }),
  otherClient: new MemoryAdapter({ practice, clientId: 'client-taylor' }),
});
// Any runner's describe and it will do: here, a hand-made one.
describeAdapterConformance('MemoryAdapter', memory, { describe: (_name, body) => body(), it: (_name, body) => void body() });
console.log(createTestPractice().clock.now);
// @ts-expect-error: the fakes are in /testing, not in the root entry.
console.log(rootEntry.Practice);
`,
  );
  try {
    await execFileAsync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', consumer], { cwd: consumer, timeout: 280_000 });
  } catch (error) {
    assert.fail(`tsc found errors:\n${error.stdout}${error.stderr}`);
  }
});

test('the installed script-tag bundle runs the example page in Chromium', { timeout: 120_000 }, async () => {
  const bundlePath = '/assets/vendor/self-schedule/';
  const server = await startMockServer({ mounts: { '/': 'examples/script-tag', [bundlePath]: join(installed, 'dist/cdn') } });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    await context.addCookies([{ name: 'demo-client', value: 'client-alex', url: server.url }]);
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(String(error)));
    await page.goto(server.url);
    const provider = page.locator('self-schedule-form#request').getByLabel('Provider');
    await provider.locator('option[value="dr-chen"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('appointment-status [part~="appointment"]').first().waitFor({ timeout: 30_000 });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
