import { resolve } from 'node:path';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import { demoServer } from './scripts/demo-server-plugin.js';
import { mswWorkerPath, readMswWorker } from './scripts/msw-worker.mjs';

/**
 * `vite --mode mock`: the demo as it runs without a server, on the msw mock in a service worker
 * over a practice kept in the browser (the e2e tests use it: each browser profile gets a fresh
 * practice). Any other mode serves the demo on the reference server (see demoServer).
 */
export const mockMode = 'mock';

/** The demo's mock API runs in msw's service worker, served from the installed msw. */
function mswWorker(): Plugin {
  return {
    name: 'msw-worker',
    configureServer(server) {
      server.middlewares.use(mswWorkerPath, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(readMswWorker());
      });
    },
  };
}

/**
 * FullCalendar's five Temporal calls answered by our own `Intl` time-zone code, which the page has
 * loaded already, instead of temporal-polyfill: the script tag only (see the module's comment).
 */
function fullCalendarTemporal(): Plugin {
  const replacement = resolve(import.meta.dirname, 'src/elements/availability-grid/fullcalendar-temporal.ts');
  return {
    name: 'fullcalendar-temporal',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return /^temporal-polyfill\/fns\/(Instant|PlainDateTime|ZonedDateTime)$/.test(source) ? replacement : undefined;
    },
  };
}

/**
 * Our html`` and css`` templates without their indentation, in the script tag: the build minifies
 * code, not the text inside templates. Each run of whitespace in a template's own text becomes one
 * space (what HTML and CSS make of it anyway); the expressions inside are left as they are.
 */
function compactTemplates(): Plugin {
  return {
    name: 'compact-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/(html|css)`/.test(code)) return undefined;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
      const edits: Array<{ start: number; end: number; text: string }> = [];
      // CSS also loses its comments, and the spaces beside { } ; and after : and , (never before a
      // colon: `a :hover` and `a:hover` differ).
      const compactors: Record<string, (text: string) => string> = {
        html: (text) => text.replace(/\s+/g, ' '),
        css: (text) =>
          text
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};]) ?/g, '$1')
            .replace(/([:,]) /g, '$1'),
      };
      const compact = (part: ts.Node, tag: string, open: number, close: number) => {
        const start = part.getStart(source) + open;
        const end = part.end - close;
        edits.push({ start, end, text: compactors[tag](code.slice(start, end)) });
      };
      const visit = (node: ts.Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text in compactors) {
          const { template, tag } = node;
          if (ts.isNoSubstitutionTemplateLiteral(template)) compact(template, tag.text, 1, 1);
          else {
            compact(template.head, tag.text, 1, 2);
            for (const span of template.templateSpans) compact(span.literal, tag.text, 1, ts.isTemplateTail(span.literal) ? 1 : 2);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: 'demo',
  plugins: [mode === mockMode ? mswWorker() : demoServer({ repoRoot: import.meta.dirname }), fullCalendarTemporal(), compactTemplates()],
  // Each backend pre-bundles into its own folder, so a mock demo and a server demo running at once
  // (the e2e tests do) do not invalidate each other's pre-bundled dependencies.
  ...(mode === mockMode ? { cacheDir: resolve(import.meta.dirname, 'node_modules/.vite-mock') } : {}),
  server: { host: '127.0.0.1' },
  build: {
    // The script-tag build: one module registering everything, from the library's entry.
    outDir: resolve(import.meta.dirname, 'dist/cdn'),
    emptyOutDir: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/cdn.ts'),
      formats: ['es'],
      fileName: 'self-schedule',
    },
    rolldownOptions: {
      // The REST group below takes its modules without their dependencies, which Rolldown allows
      // only where the entry may export more than src/cdn.ts does; nothing on the page reads them.
      preserveEntrySignatures: 'allow-extension',
      output: {
        // Lib mode keeps ES output readable for further bundling; this file goes straight to browsers.
        minify: true,
        // The entry keeps its stable name for the script tag; everything it loads is hashed, so a
        // CDN may cache chunks forever.
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            // The REST adapter and the sign-in calls, reached only through import(): with `api-base`
            // both are needed, so they come in one file; a page with its own adapter downloads it
            // only if the practice refuses the client (the sign-in prompt imports the sign-in calls).
            {
              name: 'rest',
              test: /\/src\/(adapters\/(rest\/(rest-adapter|rest-transport|sign-in)|polling)|model\/sign-in-schemas)\.ts$/,
              includeDependenciesRecursively: false,
              priority: 2,
            },
            // What all three elements need (Lit, zod, shared element code) in one chunk named for
            // what it is. Modules fewer elements share keep automatic chunks, and the calendar
            // code, reached only through import(), stays out of it.
            { name: 'shared', minShareCount: 3, priority: 1 },
          ],
        },
      },
    },
  },
}));
