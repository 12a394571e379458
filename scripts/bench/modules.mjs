// The scheduling rules are TypeScript: bundle them once with the same Vite (rolldown) that builds
// the script tag, and import the result. The timed code is then what a browser runs, with no
// dev-server module wrappers between one function and the next.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export async function loadScheduling() {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-scheduling-'));
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'error',
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        lib: { entry: resolve(root, 'src/scheduling/index.ts'), formats: ['es'], fileName: 'scheduling' },
      },
    });
    return await import(pathToFileURL(join(outDir, 'scheduling.js')).href);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
