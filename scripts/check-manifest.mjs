// Fails when custom-elements.json is not what `npm run analyze` would write from src/ now:
// the manifest is generated, never edited, and a stale one misleads every tool that reads it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer reads --outdir relative to the project, so the fresh copy goes under .tmp/.
const outdir = join('.tmp', `manifest-${process.pid}`);
// The analyzer also points package.json's "customElements" at wherever it wrote; put it back.
const packageJson = readFileSync('package.json', 'utf8');

function compare() {
  const run = spawnSync('npx', ['cem', 'analyze', '--outdir', outdir], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) return 'the analyzer failed';
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  return JSON.stringify(JSON.parse(fresh)) === JSON.stringify(JSON.parse(committed))
    ? undefined
    : 'custom-elements.json is stale: run `npm run analyze` and commit the result.';
}

let problem;
try {
  problem = compare();
} finally {
  writeFileSync('package.json', packageJson);
  rmSync(outdir, { recursive: true, force: true });
}
if (problem) {
  console.error(problem);
  process.exit(1);
}
console.log('custom-elements.json is up to date.');
