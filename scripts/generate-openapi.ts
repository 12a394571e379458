/**
 * Writes `components.schemas` of docs/openapi.yaml from the zod schemas in src/model (zod 4's JSON
 * Schema output), so the wire contract has one source. The rest of the file (paths, operations,
 * responses, examples) stays hand-written and is left byte for byte as it is.
 *
 *   node --import tsx scripts/generate-openapi.ts          rewrite the section
 *   node --import tsx scripts/generate-openapi.ts --check  fail when the section is stale
 *
 * What zod cannot say (descriptions, examples) and the few components no zod schema holds live in
 * scripts/generate-openapi.notes.yaml, not in src/model: the elements' bundles are at their byte
 * budget, so the model must not grow at runtime for the sake of documentation.
 */
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { Document, isMap, isSeq, parse, visit } from 'yaml';
import * as model from '../src/model/index.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Schema = z.ZodMiniType;
/** A component's name and the zod schema it is written from. */
export type Component = [name: string, schema: Schema];

const root = resolve(import.meta.dirname, '..');
const target = resolve(root, 'docs/openapi.yaml');
const notesFile = resolve(root, 'scripts/generate-openapi.notes.yaml');
const refPrefix = '#/components/schemas/';

/**
 * One step into a zod schema: a property of an object, an option of a union (by index), `[]` for
 * an array's items. Optional and nullable wrappers are looked through.
 */
function step(schema: Schema, into: string | number): Schema {
  const def = schema._zod.def as Json;
  if (def.type === 'optional' || def.type === 'nullable') return step(def.innerType, into);
  const next = def.type === 'object' ? def.shape[into] : def.type === 'union' ? def.options[into] : def.type === 'array' && into === '[]' ? def.element : undefined;
  if (!next) throw new Error(`No "${into}" in a zod ${def.type} schema.`);
  return next;
}
const part = (schema: Schema, ...path: (string | number)[]): Schema => path.reduce(step, schema);

/**
 * Each component and the zod schema it is written from, in the file's order. A name given twice
 * is one schema defined in two modules of src/model (each keeps its own `id`); the generator
 * checks that both copies say the same and writes one component.
 */
export const components: Component[] = [
  ['Id', part(model.providerSchema, 'id')],
  ['Id', part(model.clientSchema, 'id')],
  ['Id', part(model.staffMemberSchema, 'id')],
  ['Id', part(model.signedInSchema, 'client', 'id')],
  ['Instant', model.instantSchema],
  ['TimeZone', part(model.locationSchema, 0, 'timeZone')],
  ['Minutes', part(model.serviceSchema, 'durationMinutes')],
  ['Minutes', part(model.practicePolicySchema, 'slotStepMinutes')],
  ['TimeRange', model.timeRangeSchema],
  ['Provider', model.providerSchema],
  ['Location', model.locationSchema],
  ['InPersonLocation', part(model.locationSchema, 0)],
  ['TelehealthLocation', part(model.locationSchema, 1)],
  ['ServiceOffering', model.serviceOfferingSchema],
  ['Service', model.serviceSchema],
  ['Availability', model.availabilitySchema],
  ['AppointmentStatus', model.appointmentStatusSchema],
  ['ManageRules', model.manageRulesSchema],
  ['AppointmentProvider', part(model.appointmentSchema, 'provider')],
  ['AppointmentService', part(model.appointmentSchema, 'service')],
  ['Appointment', model.appointmentSchema],
  ['AppointmentRequest', model.appointmentRequestSchema],
  ['SelectionProblem', model.selectionProblemSchema],
  ...(
    [
      'ProviderNotSelfSchedulingProblem',
      'ServiceNotOfferedProblem',
      'WrongLengthProblem',
      'InThePastProblem',
      'InsideMinimumNoticeProblem',
      'BeyondHorizonProblem',
      'NotOnSlotStepProblem',
      'OutsideAvailabilityProblem',
      'TooShortForServiceProblem',
      'OverlapsOwnAppointmentProblem',
    ] as const
  ).map((name, index): Component => [name, part(model.selectionProblemSchema, index)]),
  ['ValidationResult', model.validationResultSchema],
  ['ErrorBody', model.errorBodySchema],
  ['SignInLinkRequest', model.signInLinkRequestSchema],
  ['SignInLinkAnswer', model.signInLinkAnswerSchema],
  ['SignInToken', model.signInTokenSchema],
  ['SignedIn', model.signedInSchema],
  ['ProviderList', model.providerListSchema],
  ['LocationList', model.locationListSchema],
  ['ServiceList', model.serviceListSchema],
  ['AppointmentList', model.appointmentListSchema],
  ['PracticeClient', model.clientSchema],
  ['PracticeAppointment', model.practiceAppointmentSchema],
  ['PracticeAppointmentList', model.practiceAppointmentListSchema],
  ['ConfirmProblem', model.confirmProblemSchema],
  ['ConfirmInThePast', part(model.confirmProblemSchema, 0)],
  ['ConfirmOutsideHours', part(model.confirmProblemSchema, 1)],
  ['ConfirmOverlapsAppointment', part(model.confirmProblemSchema, 2)],
  ['DeclineRequest', model.declineRequestSchema],
  ['StaffMember', model.staffMemberSchema],
  ['StaffSignIn', model.staffSignInSchema],
  ['StaffSignedIn', model.staffSignedInSchema],
  ['SelfSchedulingUpdate', model.selfSchedulingUpdateSchema],
  ['ClockTime', part(model.scheduleSchema, 'weekly', '[]', 'start')],
  ['Weekday', part(model.scheduleSchema, 'weekly', '[]', 'weekday')],
  ['PlainDate', part(model.scheduleSchema, 'daysOff', '[]')],
  ['WeeklyWindow', part(model.scheduleSchema, 'weekly', '[]')],
  ['RecurringBreak', part(model.scheduleSchema, 'breaks', '[]')],
  ['ScheduleUpdate', model.scheduleUpdateSchema],
  ['Schedule', model.scheduleSchema],
  ['Policy', model.practicePolicySchema],
  ['Settings', model.practiceSettingsSchema],
  ['OutboxEmail', model.outboxEmailSchema],
  ['Outbox', model.outboxSchema],
];

export interface Notes {
  /** Per component, per JSON pointer into the generated schema ('' for its root): keys merged in. */
  notes: Record<string, Record<string, Json>>;
  /** Components no zod schema in src/model holds, as JSON Schema, and where each goes (after which component). */
  withoutZod: Record<string, { after: string; schema: Json }>;
}

/** The zod schemas as JSON Schema, each reused component as a `$ref`; duplicates merged into one. */
function fromZod(components: Component[]): Record<string, Json> {
  const registry = z.registry<{ id?: string }>();
  /** Registry id → component name: the second copy of `Id` is registered as `Id.1`. */
  const aliases = new Map<string, string>();
  for (const [name, schema] of components) {
    if (registry.has(schema)) throw new Error(`${name} is listed twice in the generator's components.`);
    const alias = aliases.has(name) ? `${name}.${aliases.size}` : name;
    aliases.set(alias, name);
    registry.add(schema, { id: alias });
  }
  // io 'input': a zod/mini object strips unknown keys, so it accepts them; the JSON Schema of its
  // output would say `additionalProperties: false` and refuse what the client ignores.
  const { schemas } = z.toJSONSchema(registry, { io: 'input', target: 'draft-2020-12', uri: (id) => `${refPrefix}${id}` }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$id;
    delete schema.$schema;
  }
  const canonical = (ref: string) => `${refPrefix}${aliases.get(ref.slice(refPrefix.length)) ?? ref.slice(refPrefix.length)}`;
  const rewritten: Record<string, Json> = JSON.parse(JSON.stringify(schemas), (key, value) => (key === '$ref' ? canonical(value) : value));
  for (const [alias, name] of aliases) {
    if (alias === name) continue;
    if (!isDeepStrictEqual(rewritten[alias], rewritten[name])) {
      throw new Error(`Two zod schemas written as ${name} differ:\n${JSON.stringify(rewritten[name])}\n${JSON.stringify(rewritten[alias])}`);
    }
    delete rewritten[alias];
  }
  addDiscriminators(rewritten, components);
  return rewritten;
}

/** OpenAPI's `discriminator` for each discriminated union whose options are components of their own. */
function addDiscriminators(schemas: Record<string, Json>, components: Component[]) {
  const names = new Map(components.map(([name, schema]) => [schema, name]));
  for (const [name, schema] of components) {
    const def = schema._zod.def as Json;
    if (def.type !== 'union' || !def.discriminator) continue;
    const mapping: Record<string, string> = {};
    for (const option of def.options as Schema[]) {
      const optionName = names.get(option);
      if (!optionName) throw new Error(`An option of ${name} is no component of its own.`);
      const [value] = (option._zod.def as Json).shape[def.discriminator]._zod.def.values;
      mapping[value] = `${refPrefix}${optionName}`;
    }
    schemas[name].discriminator = { propertyName: def.discriminator, mapping };
  }
}

/** The node a JSON pointer names (`properties/open/items`), or an error naming the stale note. */
function pointed(schema: Json, pointer: string, where: string): Json {
  let node = schema;
  for (const key of pointer ? pointer.split('/') : []) {
    node = node?.[key];
    if (node === undefined || typeof node !== 'object') throw new Error(`${notesFile}: ${where} names "${pointer}", which the generated schema does not have.`);
  }
  return node;
}

/** The order a reader expects: what it is, what it says, then its parts, then examples. */
const keyOrder = [
  '$ref', 'type', 'const', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'exclusiveMinimum', 'maximum',
  'description', 'required', 'properties', 'items', 'oneOf', 'anyOf', 'allOf', 'discriminator', 'additionalProperties', 'example', 'examples',
];
function ordered(value: Json): Json {
  if (Array.isArray(value)) return value.map(ordered);
  if (!value || typeof value !== 'object') return value;
  const rank = (key: string) => (keyOrder.includes(key) ? keyOrder.indexOf(key) : keyOrder.length);
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(
    keys.map((key) => {
      const item = value[key];
      // Property names, examples and the discriminator's mapping are data, kept in their own order.
      if (key === 'properties') return [key, Object.fromEntries(Object.entries(item).map(([name, schema]) => [name, ordered(schema)]))];
      if (key === 'example' || key === 'examples' || key === 'discriminator') return [key, item];
      return [key, ordered(item)];
    }),
  );
}

export const readNotes = (): Notes => parse(readFileSync(notesFile, 'utf8'));

/** `components.schemas`: the components from zod with their notes, and those written by hand. */
export function generatedSchemas(from: Component[] = components, { notes, withoutZod }: Notes = readNotes()): Record<string, Json> {
  const schemas = fromZod(from);
  for (const name of Object.keys(withoutZod)) {
    if (schemas[name]) throw new Error(`${notesFile}: ${name} is written by hand, but a zod schema now writes it: drop it from withoutZod.`);
  }
  for (const [name, byPointer] of Object.entries(notes)) {
    if (!schemas[name] && !withoutZod[name]) throw new Error(`${notesFile}: notes for ${name}, which is no component.`);
    for (const [pointer, keys] of Object.entries(byPointer)) {
      if (withoutZod[name]) throw new Error(`${notesFile}: ${name} is written by hand; put its notes in it.`);
      Object.assign(pointed(schemas[name], pointer, name), keys);
    }
  }
  const result: Record<string, Json> = {};
  const place = (name: string, schema: Json) => {
    result[name] = ordered(schema);
    for (const [extra, { after, schema: hand }] of Object.entries(withoutZod)) if (after === name) place(extra, hand);
  };
  for (const [name, schema] of Object.entries(schemas)) place(name, schema);
  for (const extra of Object.keys(withoutZod)) {
    if (!result[extra]) throw new Error(`${notesFile}: ${extra} comes after ${withoutZod[extra].after}, which is no component.`);
  }
  return result;
}

/** The section as YAML text, indented to sit under `components:`. */
function sectionText(schemas: Record<string, Json>): string {
  // YAML 1.1 rules for quoting, so tools on older parsers do not read 2026-12-09 as a date.
  const document = new Document({ schemas }, { version: '1.1' });
  // Short lists of names read best on one line, as the hand-written file had them.
  visit(document, {
    Pair(_, pair) {
      const key = String((pair.key as Json)?.value ?? '');
      if ((key === 'required' || key === 'enum') && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  const entries = document.get('schemas') as Json;
  if (isMap(entries)) entries.items.forEach((pair, index) => ((pair.key as Json).spaceBefore = index > 0));
  const text = document.toString({ lineWidth: 0, indent: 2, singleQuote: true, flowCollectionPadding: false });
  const header = [
    '# Generated from the zod schemas in src/model by scripts/generate-openapi.ts, with the notes of',
    '# scripts/generate-openapi.notes.yaml: edit those, not this section, then run the generator.',
  ];
  return [...header, ...text.trimEnd().split('\n')].map((line) => (line ? `  ${line}` : line)).join('\n') + '\n';
}

/** The document with its `components.schemas` section replaced, everything else as it was. */
export function regenerated(current: string): string {
  const lines = current.split('\n');
  const componentsLine = lines.indexOf('components:');
  const start = lines.findIndex((line, index) => index > componentsLine && /^ {2}(# Generated|schemas:)/.test(line));
  const schemasLine = lines.indexOf('  schemas:', start);
  if (componentsLine < 0 || start < 0 || schemasLine < 0) throw new Error(`${target} has no components.schemas section.`);
  let end = schemasLine + 1;
  while (end < lines.length && !/^ {0,2}\S/.test(lines[end])) end++;
  // The blank lines before the next section belong to it.
  while (end > schemasLine + 1 && lines[end - 1] === '') end--;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before}\n${sectionText(generatedSchemas())}${after}`;
}

if (process.argv[1] === import.meta.filename) {
  const current = readFileSync(target, 'utf8');
  const next = regenerated(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${target} is stale: its components.schemas do not match src/model. Run \`node --import tsx scripts/generate-openapi.ts\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${target} is up to date.`);
  } else {
    writeFileSync(target, next);
    console.log(`wrote the components.schemas of ${target}`);
  }
}
