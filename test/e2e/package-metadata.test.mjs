// What the published package.json and custom-elements.json promise a host, checked without a build:
// - `dependencies` are caret ranges, never exact versions: a host on another compatible version of
//   zod, Lit or temporal-polyfill shares its copy instead of getting a second one nested under ours.
//   package-lock.json still pins what CI installs, and each locked version is inside its range.
// - custom-elements.json describes the elements' public API only (custom-elements-manifest.config.js
//   strips the rest), so it stays small and does not change with every private edit.
// - the entries a host imports by name besides the root and the pure layers: `/testing` (the fakes and
//   the conformance suite) and one per element, each mapped to its built module and types; an
//   element's entry is kept by `sideEffects` (importing it registers the element), `/testing` is not.
// Each rule is also run on a broken copy, so it is known to be able to fail.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const read = (path) => readFileSync(resolve(root, path), 'utf8');
const packageJson = JSON.parse(read('package.json'));
const lock = JSON.parse(read('package-lock.json'));
const manifestText = read('custom-elements.json');

/** The most custom-elements.json may weigh, in bytes, as written (pretty-printed). */
const manifestBudget = 120_000;
const tagNames = ['appointment-calendar', 'appointment-requests', 'appointment-status', 'self-schedule-form'];

const parseVersion = (text) => text.split('.').map(Number);

/** Whether `version` is inside the caret range `^lower` (npm's meaning, including 0.x). */
function caretAllows(lower, version) {
  const [a, b, c] = parseVersion(lower);
  const [x, y, z] = parseVersion(version);
  if (a !== x) return false;
  if (a === 0 && b !== y) return false;
  if (a === 0 && b === 0 && c !== z) return false;
  return y > b || (y === b && z >= c);
}

/** What is wrong with the package's `dependencies`, given its package.json and lock. */
function dependencyProblems(manifest, lockfile) {
  const problems = [];
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    const lower = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
    if (!lower) {
      problems.push(`${name}: "${range}" is not a caret range (^x.y.z); an exact pin gives a host a second copy`);
      continue;
    }
    const locked = lockfile.packages?.[`node_modules/${name}`]?.version;
    if (!locked) problems.push(`${name}: not in package-lock.json`);
    else if (!caretAllows(lower, locked)) problems.push(`${name}: the locked ${locked} is outside ${range}`);
  }
  const recorded = lockfile.packages?.['']?.dependencies ?? {};
  if (JSON.stringify(recorded) !== JSON.stringify(manifest.dependencies ?? {})) {
    problems.push('package-lock.json records other dependencies than package.json: run `npm install`');
  }
  return problems;
}

/** What is wrong with custom-elements.json, given its text as written. */
function manifestProblems(text) {
  const problems = [];
  const bytes = Buffer.byteLength(text);
  if (bytes > manifestBudget) problems.push(`custom-elements.json is ${bytes} bytes, over its ${manifestBudget}`);
  const hidden = (item) => (item.privacy !== undefined && item.privacy !== 'public') || /^[_#]/.test(item.name ?? '');
  const manifest = JSON.parse(text);
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      const where = `${module.path} ${declaration.name}`;
      if (!declaration.customElement) problems.push(`${where} is a ${declaration.kind}, not an element`);
      for (const member of declaration.members ?? []) {
        if (hidden(member)) problems.push(`${where}.${member.name} is not public (${member.privacy ?? 'its name'})`);
      }
      for (const attribute of declaration.attributes ?? []) {
        if (hidden(attribute)) problems.push(`${where} attribute ${attribute.name} is not public`);
      }
    }
  }
  return problems;
}

/** The subpath entries beyond the root and the pure layers, each with the source it is built from. */
const namedEntries = [['./testing', 'src/testing/index.ts'], ...tagNames.map((tag) => [`./${tag}`, `src/elements/${tag}.ts`])];

/** A `sideEffects` glob as a bundler reads it: `*` within a folder, `**` for any number of folders. */
function globPattern(glob) {
  const segments = glob.split('/');
  const last = segments.pop();
  const segment = (text) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*');
  const folders = segments.map((folder) => (folder === '**' ? '(?:[^/]+/)*' : `${segment(folder)}/`)).join('');
  return new RegExp(`^${folders}${segment(last)}$`);
}

/** What is wrong with the named entries of a package.json's `exports` and `sideEffects`. */
function entryProblems(manifest) {
  const problems = [];
  const hasSideEffects = (path) => (manifest.sideEffects ?? []).some((glob) => globPattern(glob).test(path));
  for (const [subpath, source] of namedEntries) {
    const built = source.replace(/^src\//, './dist/').replace(/\.ts$/, '.js');
    const target = manifest.exports?.[subpath];
    if (target?.default !== built || target?.types !== built.replace(/\.js$/, '.d.ts')) {
      problems.push(`${subpath}: not mapped to ${built} and its .d.ts`);
    }
    if (!existsSync(resolve(root, source))) problems.push(`${subpath}: its source ${source} is missing`);
    const registers = subpath !== './testing';
    if (registers && !hasSideEffects(built)) problems.push(`${subpath}: left out of sideEffects, so a bundler may drop the import that registers it`);
    if (!registers && hasSideEffects(built)) problems.push(`${subpath}: in sideEffects, though it registers nothing`);
  }
  return problems;
}

test('a /testing entry and one entry per element, each mapped to its module and types, kept where it registers', () => {
  assert.deepEqual(entryProblems(packageJson), []);
  assert.equal(globPattern('./dist/elements/**/*.js').test('./dist/elements/self-schedule-form.js'), true);
  assert.equal(globPattern('./dist/elements/**/*.js').test('./dist/elements/shared/format.js'), true);
  assert.equal(globPattern('./dist/elements/**/*.js').test('./dist/testing/index.js'), false);
});

test('a missing entry, a wrong target, or sideEffects that would drop an element or keep /testing is caught', () => {
  const broken = structuredClone(packageJson);
  delete broken.exports['./testing'];
  broken.exports['./appointment-status'] = { types: './dist/index.d.ts', default: './dist/index.js' };
  broken.sideEffects = ['./dist/index.js', './dist/testing/*.js'];
  const problems = entryProblems(broken).join('\n');
  assert.match(problems, /\.\/testing: not mapped/);
  assert.match(problems, /\.\/appointment-status: not mapped to \.\/dist\/elements\/appointment-status\.js/);
  assert.match(problems, /\.\/self-schedule-form: left out of sideEffects/);
  assert.match(problems, /\.\/testing: in sideEffects, though it registers nothing/);
});

test('dependencies are caret ranges that hold the locked versions, and the lock records them', () => {
  assert.deepEqual(dependencyProblems(packageJson, lock), []);
  assert.ok(Object.keys(packageJson.dependencies).length > 0);
});

test('an exact pin, a range the lock is outside of, or a lock left behind is caught', () => {
  const pinned = structuredClone(packageJson);
  pinned.dependencies.zod = lock.packages['node_modules/zod'].version;
  assert.match(dependencyProblems(pinned, lock).join('\n'), /zod: ".*" is not a caret range/);
  assert.match(dependencyProblems(pinned, lock).join('\n'), /run `npm install`/);
  const ahead = structuredClone(packageJson);
  ahead.dependencies.lit = '^99.0.0';
  assert.match(dependencyProblems(ahead, lock).join('\n'), /lit: the locked .* is outside \^99\.0\.0/);
  assert.equal(caretAllows('4.1.12', '4.6.7'), true);
  assert.equal(caretAllows('4.6.7', '4.1.12'), false);
  assert.equal(caretAllows('4.6.7', '5.0.0'), false);
  assert.equal(caretAllows('0.5.1', '0.6.0'), false);
});

test('the reference server depends on this package through the workspace, not a published copy', () => {
  const server = JSON.parse(read('server/package.json'));
  assert.equal(server.dependencies[packageJson.name], 'file:..');
  assert.equal(lock.packages[`node_modules/${packageJson.name}`]?.link, true);
});

test(`custom-elements.json holds the elements' public API only, within ${manifestBudget} bytes`, () => {
  assert.deepEqual(manifestProblems(manifestText), []);
  const manifest = JSON.parse(manifestText);
  const tags = manifest.modules.flatMap((module) => module.declarations).map((declaration) => declaration.tagName);
  assert.deepEqual(tags.filter(Boolean).sort(), tagNames);
  for (const name of tagNames) {
    const module = manifest.modules.find((candidate) => candidate.exports?.some((entry) => entry.kind === 'custom-element-definition' && entry.name === name));
    assert.ok(module, `${name} has its custom-element-definition export`);
  }
});

test('a private or protected member, a helper declaration, or a heavier manifest is caught', () => {
  const manifest = JSON.parse(manifestText);
  const element = manifest.modules.flatMap((module) => module.declarations).find((declaration) => declaration.tagName === 'self-schedule-form');
  element.members.push({ kind: 'field', name: 'draft', privacy: 'private' }, { kind: 'method', name: 'render', privacy: 'protected' });
  element.members.push({ kind: 'field', name: '_cache' });
  manifest.modules[0].declarations.push({ kind: 'function', name: 'helper' });
  const problems = manifestProblems(JSON.stringify(manifest, null, 2)).join('\n');
  assert.match(problems, /SelfScheduleForm\.draft is not public \(private\)/);
  assert.match(problems, /SelfScheduleForm\.render is not public \(protected\)/);
  assert.match(problems, /SelfScheduleForm\._cache is not public \(its name\)/);
  assert.match(problems, /helper is a function, not an element/);
  assert.match(manifestProblems(manifestText.padEnd(manifestBudget + 1)).join('\n'), /over its 120000/);
});
