// Bytes of the script-tag build: each file's raw, gzip and brotli size, and the sets of files a
// page loads, worked out from the import statements of the built files themselves.
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseAst } from 'vite';
import { buildScriptTag } from '../build-script-tag.mjs';


/** Builds the script tag (scripts/build-script-tag.mjs) and resolves with its folder. */
export async function buildCdn(outDir) {
  return (await buildScriptTag(outDir, { logLevel: 'warn' })).dir;
}

async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

/** The string an import() names: the minifier writes it as a literal or a plain template. */
function constantString(node) {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  throw new Error('an import() whose target is computed: the file it loads cannot be counted');
}

/** Static and dynamic import specifiers of an ES module, from its syntax tree. */
function importsOf(code) {
  const found = { imports: [], dynamicImports: [] };
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
      found.imports.push(node.source.value);
    } else if (node.type === 'ImportExpression') {
      found.dynamicImports.push(constantString(node.source));
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  visit(parseAst(code));
  return found;
}

const gzip = (buffer) => gzipSync(buffer).length; // zlib's default level 6, as servers compress on the fly
const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }).length;

/** Every file of a build with its sizes and, for JavaScript, the files it imports. */
export async function readBuild(dir) {
  const files = new Map();
  for (const name of await listFiles(dir)) {
    const buffer = await readFile(join(dir, name));
    const file = { name, raw: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer), imports: [], dynamicImports: [] };
    if (name.endsWith('.js')) {
      const found = importsOf(buffer.toString('utf8'));
      const resolveFrom = (specifier) => {
        if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
          throw new Error(`${name} imports "${specifier}": the script-tag build must load only its own files`);
        }
        return posix.normalize(posix.join(posix.dirname(name), specifier));
      };
      file.imports = found.imports.map(resolveFrom);
      file.dynamicImports = found.dynamicImports.map(resolveFrom);
    }
    files.set(name, file);
  }
  for (const file of files.values()) {
    for (const target of [...file.imports, ...file.dynamicImports]) {
      if (!files.has(target)) throw new Error(`${file.name} imports ${target}, which the build did not emit`);
    }
  }
  return files;
}

/** `names` and everything they import statically, transitively: what loads with them. */
function staticClosure(files, names) {
  const seen = new Set();
  const stack = [...names];
  while (stack.length) {
    const name = stack.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...files.get(name).imports);
  }
  return seen;
}

function measureSet(files, names) {
  const list = [...names].sort();
  const sum = (key) => list.reduce((total, name) => total + files.get(name)[key], 0);
  return { files: list, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

const chunkName = (file) => posix.basename(file).replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, '');

/**
 * The sets a page loads, from the import graph:
 * - entry: the one file nothing imports (the script tag's `src`);
 * - per element (each of the entry's `import()` targets): its pre-grid set, the entry plus the
 *   element's chunk and everything that chunk imports statically, transitively; and its grid
 *   set, what its own `import()`s of anything but another element add when the grid is shown;
 * - all three: the union of the pre-grid sets (a portal showing every element);
 * - everything: every file the build emits.
 */
export function byteReport(files) {
  const js = [...files.values()].filter((file) => file.name.endsWith('.js'));
  const imported = new Set(js.flatMap((file) => [...file.imports, ...file.dynamicImports]));
  const entries = js.filter((file) => !imported.has(file.name));
  if (entries.length !== 1) throw new Error(`expected one entry file, found ${entries.map((file) => file.name).join(', ') || 'none'}`);
  const entry = entries[0];
  const elementChunks = new Set(entry.dynamicImports);
  const elements = entry.dynamicImports.map((chunk) => {
    const preGrid = staticClosure(files, [entry.name, chunk]);
    const lazy = [...preGrid].flatMap((name) => files.get(name).dynamicImports).filter((name) => !elementChunks.has(name));
    const grid = [...staticClosure(files, lazy)].filter((name) => !preGrid.has(name));
    return { name: chunkName(chunk), chunk, preGrid: measureSet(files, preGrid), grid: measureSet(files, grid) };
  });
  const heaviest = elements.reduce((a, b) => (b.preGrid.gzip > a.preGrid.gzip ? b : a));
  return {
    entry: measureSet(files, [entry.name]),
    elements,
    heaviest,
    allThree: measureSet(files, new Set(elements.flatMap((element) => element.preGrid.files))),
    everything: measureSet(files, files.keys()),
    files: [...files.values()].map(({ name, raw, gzip, brotli, imports, dynamicImports }) => ({ name, raw, gzip, brotli, imports, dynamicImports })),
  };
}

export const kib = (bytes) => bytes / 1024;
