/**
 * scripts/generate-openapi.ts, which writes the components.schemas of docs/openapi.yaml from the
 * zod schemas in src/model: the file in the repository is what it writes, it touches nothing
 * else in the file, and it refuses what would make the contract say something zod does not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as z from 'zod/mini';
import { type Notes, generatedSchemas, regenerated } from '../../scripts/generate-openapi.js';

const documentUrl = new URL('../../docs/openapi.yaml', import.meta.url);
const noNotes: Notes = { notes: {}, withoutZod: {} };

describe('the OpenAPI schemas generated from zod', () => {
  test('docs/openapi.yaml holds what the generator writes from src/model', () => {
    const current = readFileSync(documentUrl, 'utf8');
    assert.ok(regenerated(current) === current, 'docs/openapi.yaml is stale: run `node --import tsx scripts/generate-openapi.ts`');
  });

  test('rewrites only the components.schemas section', () => {
    const current = readFileSync(documentUrl, 'utf8');
    const edited = current.replace('\n  schemas:\n', '\n  schemas:\n    Stale:\n      type: string\n');
    assert.notEqual(edited, current);
    assert.ok(regenerated(edited) === current);
  });

  test('writes a component used in two places once, as a $ref', () => {
    const id = z.string().check(z.minLength(1));
    const schemas = generatedSchemas([['Id', id], ['Pair', z.object({ left: id, right: id })]], noNotes);
    assert.deepEqual(schemas.Pair.properties, { left: { $ref: '#/components/schemas/Id' }, right: { $ref: '#/components/schemas/Id' } });
  });

  test('merges two copies of one schema from different modules, and refuses copies that differ', () => {
    const copies = (second: z.ZodMiniType) => generatedSchemas([['Id', z.string().check(z.minLength(1))], ['Id', second], ['Pair', z.object({ left: second })]], noNotes);
    assert.deepEqual(copies(z.string().check(z.minLength(1))).Pair.properties.left, { $ref: '#/components/schemas/Id' });
    assert.throws(() => copies(z.string()), /Two zod schemas written as Id differ/);
  });

  test('leaves unknown properties allowed, as the client ignores them', () => {
    const schemas = generatedSchemas([['Thing', z.object({ name: z.string() })]], noNotes);
    assert.equal(schemas.Thing.additionalProperties, undefined);
  });

  test("gives a discriminated union OpenAPI's discriminator, mapped to its options' components", () => {
    const [a, b] = [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })];
    const schemas = generatedSchemas([['Either', z.discriminatedUnion('kind', [a, b])], ['A', a], ['B', b]], noNotes);
    assert.deepEqual(schemas.Either.discriminator, { propertyName: 'kind', mapping: { a: '#/components/schemas/A', b: '#/components/schemas/B' } });
  });

  test('merges notes into the generated schema, and refuses a note for a property it does not have', () => {
    const thing: [string, z.ZodMiniType][] = [['Thing', z.object({ name: z.string() })]];
    const described = generatedSchemas(thing, { ...noNotes, notes: { Thing: { 'properties/name': { description: 'What it is called.' } } } });
    assert.deepEqual(described.Thing.properties.name, { type: 'string', description: 'What it is called.' });
    assert.throws(() => generatedSchemas(thing, { ...noNotes, notes: { Thing: { 'properties/title': { description: 'Gone.' } } } }), /does not have/);
  });

  test('places the components written by hand after the one each names', () => {
    const schemas = generatedSchemas([['First', z.string()], ['Last', z.number()]], { notes: {}, withoutZod: { Middle: { after: 'First', schema: { type: 'boolean' } } } });
    assert.deepEqual(Object.keys(schemas), ['First', 'Middle', 'Last']);
  });

  test('refuses a component written by hand that a zod schema also writes', () => {
    assert.throws(() => generatedSchemas([['Thing', z.string()]], { notes: {}, withoutZod: { Thing: { after: 'Thing', schema: { type: 'string' } } } }), /drop it from withoutZod/);
  });
});
