/**
 * The library's own code never turns strings into markup or code. Starting at its entries (the
 * npm one, the testing one and the script-tag one), every module of ours that either can load is fetched
 * from the test server (compiled, so comments are gone) and following its static and dynamic
 * imports, and searched for the ways a string becomes HTML (innerHTML, Lit's unsafe directives,
 * FullCalendar's `{ html }` content) or code (eval, the Function constructor, timers given
 * strings). Found this way, a module added later is checked without a list to keep up to date.
 */
import { expect } from '@open-wc/testing';

const entries = ['/src/index.ts', '/src/testing/index.ts', '/src/cdn.ts'];

/** What must never appear in our code, and why. */
const forbidden: Array<[RegExp, string]> = [
  [/\binnerHTML\b/, 'innerHTML parses a string as HTML'],
  [/\bouterHTML\b/, 'outerHTML parses a string as HTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML parses a string as HTML'],
  [/\bsetHTMLUnsafe\b|\bparseHTMLUnsafe\b/, 'setHTMLUnsafe parses a string as HTML'],
  [/\bcreateContextualFragment\b/, 'createContextualFragment parses a string as HTML'],
  [/\bDOMParser\b/, 'DOMParser parses a string as HTML'],
  [/\bdocument\.write(ln)?\b/, 'document.write parses a string as HTML'],
  [/\bunsafe(HTML|SVG|MathML)\b|directives\/unsafe-/, "Lit's unsafe directives render a string as markup"],
  [/\bsrcdoc\b/, 'srcdoc runs a string as a document'],
  [/\bhtml\s*:/, "FullCalendar's { html } content injects a string as HTML"],
  [/\beval\s*\(/, 'eval runs a string as code (and needs unsafe-eval)'],
  [/\bnew\s+Function\b|\bFunction\s*\(/, 'the Function constructor runs a string as code (and needs unsafe-eval)'],
  [/\bset(Timeout|Interval)\s*\(\s*['"`]/, 'a timer given a string runs it as code'],
  [/javascript:/i, 'a javascript: URL runs code'],
  // Lit writes a binding in an attribute's place as the attribute itself, and styleMap's first
  // render is a string too: either is an inline style a strict CSP (no 'unsafe-inline') blocks.
  [/\bstyleMap\b|\bstyle=\$\{/, "a style attribute from a template needs 'unsafe-inline' in style-src"],
];

/** Where `code` does something forbidden: one line per finding. */
export function findForbidden(code: string): string[] {
  const found: string[] = [];
  for (const [pattern, why] of forbidden) {
    const match = pattern.exec(code);
    if (match) found.push(`${why}: …${code.slice(Math.max(0, match.index - 50), match.index + 50).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

/** Relative imports, static and dynamic, of a compiled module. */
function importsOf(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1]);
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

/** Every module of ours reachable from the entries, with its compiled code. */
async function ourModules(): Promise<Map<string, string>> {
  const modules = new Map<string, string>();
  const queue = entries.map((entry) => new URL(entry, location.origin).href);
  while (queue.length) {
    const url = queue.shift()!;
    if (modules.has(url)) continue;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const code = await response.text();
    modules.set(url, code);
    for (const specifier of importsOf(code)) {
      const next = new URL(specifier, url);
      if (next.origin === location.origin && next.pathname.startsWith('/src/')) queue.push(next.href);
    }
  }
  return modules;
}

describe('the source never turns strings into markup or code', function () {
  this.timeout(60_000);

  it('the check finds each forbidden pattern (so it can fail)', () => {
    const samples = [
      'el.innerHTML = name;',
      'el.insertAdjacentHTML("beforeend", name)',
      'html`${unsafeHTML(name)}`',
      'eventContent: (info) => ({ html: info.event.title })',
      'new Function("return 1")',
      'eval(text)',
      'setTimeout("go()", 1)',
      'a.href = "javascript:void 0"',
      'html`<div style=${styleMap({ minHeight })}></div>`',
    ];
    for (const sample of samples) expect(findForbidden(sample), sample).to.have.length.greaterThan(0);
    expect(findForbidden('span.textContent = text; const html = 1; html`<p>${name}</p>`')).to.deep.equal([]);
  });

  it('no module of the library reachable from its entries uses innerHTML, unsafe directives, { html } content, eval or Function', async () => {
    const modules = await ourModules();
    const paths = [...modules.keys()].map((url) => new URL(url).pathname);
    // The scan reached the elements, the lazily loaded FullCalendar parts and the adapters.
    for (const expected of [
      'self-schedule-form/self-schedule-form',
      'appointment-status/appointment-status',
      'appointment-calendar/appointment-calendar',
      'appointment-calendar/calendar-view',
      'availability-grid/availability-grid',
      'shared/fullcalendar-a11y',
      'rest/rest-adapter',
      'model/schemas',
    ]) {
      expect(paths.some((path) => path.includes(expected)), `${expected} scanned; scanned: ${paths.join(', ')}`).to.equal(true);
    }
    const findings = [...modules].flatMap(([url, code]) => findForbidden(code).map((finding) => `${new URL(url).pathname}: ${finding}`));
    expect(findings).to.deep.equal([]);
  });
});
