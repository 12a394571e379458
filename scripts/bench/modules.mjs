// The library is TypeScript: bundle what a bench times once with the same Vite (rolldown) that
// builds the script tag, and import the result. The timed code is then what a browser runs, with
// no dev-server module wrappers between one function and the next.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

/** Bundles each of `entries` (name → source path from the repository root) and imports them, by name. */
async function loadBundled(entries) {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-modules-'));
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'error',
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: {
          entry: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, resolve(root, path)])),
          formats: ['es'],
          fileName: (_format, name) => `${name}.js`,
        },
      },
    });
    const modules = await Promise.all(Object.keys(entries).map((name) => import(pathToFileURL(join(outDir, `${name}.js`)).href)));
    return Object.fromEntries(Object.keys(entries).map((name, index) => [name, modules[index]]));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export async function loadScheduling() {
  return (await loadBundled({ scheduling: 'src/scheduling/index.ts' })).scheduling;
}

/** The adapters' parsing, transport, poller and in-memory adapter, the schemas, and the test practice they run over. */
export function loadAdapters() {
  return loadBundled({
    parse: 'src/adapters/parse.ts',
    polling: 'src/adapters/polling.ts',
    transport: 'src/adapters/rest/rest-transport.ts',
    memory: 'src/adapters/memory/memory-adapter.ts',
    schemas: 'src/model/schemas.ts',
    fixtures: 'src/testing/fixtures.ts',
  });
}
