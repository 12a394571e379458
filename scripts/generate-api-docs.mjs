// docs/api.md, written from custom-elements.json, so the reference tables cannot drift from the
// code's own doc comments. `--check` fails when the file is stale (CI runs it after analyze:check).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const target = resolve(root, 'docs/api.md');
const manifest = JSON.parse(readFileSync(resolve(root, 'custom-elements.json'), 'utf8'));

/** Table cells hold one line; pipes would end the cell. */
const cell = (text = '') => text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|').trim();
const code = (text) => (text ? `\`${cell(text).replaceAll('\\|', '|').replaceAll('`', "'")}\``.replaceAll('|', '\\|') : '');

function table(headings, rows) {
  if (!rows.length) return '';
  return [
    `| ${headings.join(' | ')} |`,
    `| ${headings.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

function section(element) {
  const members = (element.members ?? []).filter((member) => !member.privacy && !member.static);
  const fields = members.filter((member) => member.kind === 'field');
  const methods = members.filter((member) => member.kind === 'method');
  const signature = (method) =>
    `${method.name}(${(method.parameters ?? []).map((parameter) => `${parameter.name}${parameter.optional || parameter.default ? '?' : ''}`).join(', ')})`;
  return [
    `## \`<${element.tagName}>\`\n`,
    `${cell(element.summary ?? element.description?.split('\n\n')[0] ?? '')}\n`,
    '### Attributes and properties\n',
    table(
      ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      fields.map((field) => [
        code(field.name),
        code(field.attribute),
        code(field.type?.text),
        code(field.default),
        cell(field.description),
      ]),
    ),
    methods.length ? '### Methods\n' : '',
    table(['Method', 'Description'], methods.map((method) => [code(signature(method)), cell(method.description)])),
    element.events?.length ? '### Events\n' : '',
    table(['Event', 'Description'], (element.events ?? []).map((event) => [code(event.name), cell(event.description)])),
    element.cssParts?.length ? '### CSS parts\n' : '',
    table(['Part', 'Description'], (element.cssParts ?? []).map((part) => [code(part.name), cell(part.description)])),
    element.cssProperties?.length ? '### CSS custom properties\n' : '',
    table(
      ['Property', 'Description'],
      (element.cssProperties ?? []).map((property) => [code(property.name), cell(property.description)]),
    ),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const text = [
  '# Element reference',
  '',
  '<!-- Generated from custom-elements.json by scripts/generate-api-docs.mjs: edit the doc comments in src, then `npm run analyze && npm run docs`. -->',
  '',
  'Every element also takes the shared `adapter`, `api-base` and `now` members listed in its table.',
  'Events bubble and cross shadow roots; each is a typed class in `GlobalEventHandlersEventMap`.',
  '',
  ...elements.map(section),
].join('\n').replace(/\n{3,}/g, '\n\n');

if (process.argv.includes('--check')) {
  const current = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current !== text) {
    console.error('docs/api.md is stale: run `npm run analyze && npm run docs` and commit it.');
    process.exit(1);
  }
  console.log('docs/api.md is up to date.');
} else {
  writeFileSync(target, text);
  console.log(`Wrote docs/api.md (${elements.length} elements).`);
}
