/**
 * Responses checked against the contract's machine-readable version, docs/openapi.yaml: the
 * status must be one the operation documents, and the JSON body must validate against the schema
 * documented for that status (JSON Schema 2020-12, as OpenAPI 3.1 uses it, formats included).
 * The reference server's demo-only routes (`DEMO=1`) are checked against docs/openapi.demo.yaml,
 * which is kept apart so that they are no part of the contract.
 *
 * - `contractFetch(url, init)` fetches, reads the JSON body and checks it.
 * - `checkContract(method, path, status, body)` checks a response some other harness already has.
 * - `documentedOperations()` lists the contract's operations, for tests that must cover them all.
 *
 * A request neither document describes (`/healthz`, a path or method with no operation) is
 * passed through unchecked.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

/** The documents, by the name a `$ref` uses for them (`openapi.yaml#/components/…`). */
const documentFiles = {
  'openapi.yaml': new URL('../../docs/openapi.yaml', import.meta.url),
  'openapi.demo.yaml': new URL('../../docs/openapi.demo.yaml', import.meta.url),
};
type DocumentName = keyof typeof documentFiles;
const contractDocument: DocumentName = 'openapi.yaml';
const docId = (name: DocumentName) => `urn:self-schedule:${name}`;
/** Where the reference server mounts the contract (stripped from paths before matching). */
export const apiBasePath = '/api';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class ContractError extends Error {
  override name = 'ContractError';
}

export interface Operation {
  method: string;
  template: string;
  segments: string[];
  literalCount: number;
  operationId: string;
  /** The file that documents it: docs/openapi.yaml for the contract, docs/openapi.demo.yaml for demo routes. */
  document: DocumentName;
  responses: Record<string, Json>;
}

let loaded: { docs: Record<DocumentName, Json>; ajv: Ajv2020; operations: Operation[]; validators: Map<string, ValidateFunction> } | undefined;

/** A `$ref` as ajv finds it: `#/…` within `document`, `openapi.yaml#/…` in that file. */
function absoluteRef(document: DocumentName, ref: string): string {
  const [file, pointer] = ref.split('#');
  if (file && !(file in documentFiles)) throw new ContractError(`${document} refers to ${file}, which is not one of ${Object.keys(documentFiles).join(', ')}.`);
  return `${docId((file || document) as DocumentName)}#${pointer}`;
}

/** Every `$ref` made absolute, so schemas compiled on their own resolve into their documents. */
function absoluteRefs(document: DocumentName, value: Json): Json {
  if (Array.isArray(value)) return value.map((item) => absoluteRefs(document, item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? absoluteRef(document, item) : absoluteRefs(document, item)]),
    );
  }
  return value;
}

function load() {
  if (loaded) return loaded;
  const docs = Object.fromEntries(
    Object.entries(documentFiles).map(([name, url]) => [name, parse(readFileSync(url, 'utf8'))]),
  ) as Record<DocumentName, Json>;
  // strict: false, because OpenAPI adds keywords JSON Schema does not know (`discriminator`, `example`).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsPlugin as unknown as (ajv: Ajv2020) => void)(ajv);
  const operations: Operation[] = [];
  for (const [document, doc] of Object.entries(docs) as [DocumentName, Json][]) {
    ajv.addSchema({ $id: docId(document), components: absoluteRefs(document, { schemas: doc.components?.schemas ?? {} }) });
    for (const [template, item] of Object.entries<Json>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const op = item[method];
        if (!op) continue;
        const segments = template.split('/').slice(1);
        const operation = {
          method: method.toUpperCase(),
          template,
          segments,
          literalCount: segments.filter((s) => !s.startsWith('{')).length,
          operationId: op.operationId ?? `${method} ${template}`,
          document,
          responses: op.responses,
        };
        const twice = operations.find((other) => other.method === operation.method && other.template === template);
        if (twice) throw new ContractError(`${method.toUpperCase()} ${template} is documented in both ${twice.document} and ${document}.`);
        operations.push(operation);
      }
    }
  }
  // The most literal template first: `/appointments/validate` before `/appointments/{appointmentId}`.
  operations.sort((a, b) => b.literalCount - a.literalCount);
  loaded = { docs, ajv, operations, validators: new Map() };
  return loaded;
}

/** Follows a `$ref` (`#/components/responses/…`, or into the other file) to what it names. */
function resolve(document: DocumentName, value: Json): Json {
  const { docs } = load();
  while (value && typeof value.$ref === 'string') {
    const [file, pointer] = value.$ref.split('#');
    if (file) document = file as DocumentName;
    value = pointer
      .slice(1)
      .split('/')
      .map((part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Json, part: string) => node?.[part], docs[document]);
  }
  return value;
}

/** Every operation of the contract (docs/openapi.yaml; not the demo routes), most literal path first. */
export function documentedOperations(): Operation[] {
  return load().operations.filter((op) => op.document === contractDocument);
}

/** The documented response (a `$ref` followed) for an operation's status key (`200`, `4XX`, `default`). */
export function documentedResponse(op: Operation, key: string): Json {
  return resolve(op.document, op.responses[key]);
}

/** The documented operation for a method and path (with or without the `/api` base, query ignored). */
export function findOperation(method: string, path: string): Operation | undefined {
  const { operations } = load();
  let pathname = path.split('?')[0];
  if (pathname === apiBasePath || pathname.startsWith(`${apiBasePath}/`)) pathname = pathname.slice(apiBasePath.length);
  const segments = pathname.split('/').slice(1);
  return operations.find(
    (op) =>
      op.method === method.toUpperCase() &&
      op.segments.length === segments.length &&
      op.segments.every((s, i) => (s.startsWith('{') ? segments[i] !== '' : s === segments[i])),
  );
}

/**
 * Checks one response against the document; throws a ContractError saying what is wrong.
 * Returns the operation's id, or undefined when the document does not describe the request
 * (nothing is checked then).
 */
export function checkContract(method: string, path: string, status: number, body: unknown, contentType?: string | null): string | undefined {
  const { ajv, validators } = load();
  const op = findOperation(method, path);
  if (!op) return undefined;
  const where = `${method.toUpperCase()} ${path} (${op.operationId}) answered ${status}`;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in op.responses);
  if (!key) {
    throw new ContractError(`${where}, a status docs/${op.document} does not document for it (documented: ${Object.keys(op.responses).join(', ')}). Body: ${JSON.stringify(body)}`);
  }
  const response = documentedResponse(op, key);
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) {
    // A body that is not JSON (an event stream) is held to its documented media type alone.
    const mediaTypes = Object.keys(response?.content ?? {});
    if (mediaTypes.length && contentType !== undefined && !mediaTypes.some((type) => (contentType ?? '').toLowerCase().startsWith(type))) {
      throw new ContractError(`${where} with Content-Type ${contentType}, not ${mediaTypes.join(' or ')}.`);
    }
    return op.operationId;
  }
  if (contractType(contentType) === false) {
    throw new ContractError(`${where} with Content-Type ${contentType}, not application/json.`);
  }
  const cacheKey = `${op.operationId} ${key}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(absoluteRefs(op.document, schema));
    validators.set(cacheKey, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
    throw new ContractError(`${where}, but the body does not match the schema docs/${op.document} documents:\n${errors.join('\n')}\nBody: ${JSON.stringify(body).slice(0, 2000)}`);
  }
  return op.operationId;
}

/** undefined when not given; false when given and not JSON. */
function contractType(contentType: string | null | undefined): boolean | undefined {
  if (contentType === undefined) return undefined;
  return /^application\/json\b/i.test(contentType ?? '');
}

export interface ContractResponse {
  status: number;
  body: Json;
  headers: Headers;
}

/** `fetch`, the body read as JSON, and the answer checked against docs/openapi.yaml (or openapi.demo.yaml). */
export async function contractFetch(url: string, init: RequestInit = {}): Promise<ContractResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  const method = (init.method ?? 'GET').toUpperCase();
  const { pathname } = new URL(url);
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    if (findOperation(method, pathname)) {
      throw new ContractError(`${method} ${pathname} answered ${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 300))}`);
    }
    body = text;
  }
  checkContract(method, pathname, response.status, body, response.headers.get('Content-Type'));
  return { status: response.status, body, headers: response.headers };
}
