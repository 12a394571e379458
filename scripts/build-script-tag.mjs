// The script-tag build with the project's own vite.config.ts, into a fresh temporary folder by
// default: tests and benchmarks check the current source and never empty the dist/cdn another
// process may be serving. Resolves with the folder and the built chunks (each with its modules).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');

export async function buildScriptTag(outDir, { logLevel = 'error' } = {}) {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'ss-script-tag-')));
  const result = await build({ configFile: join(root, 'vite.config.ts'), logLevel, build: { outDir: dir, emptyOutDir: true } });
  const chunks = [result].flat().flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  return { dir, chunks };
}
