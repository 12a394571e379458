/**
 * Responses checked against the contract's machine-readable version, docs/openapi.yaml: the
 * status must be one the operation documents, and the JSON body must validate against the schema
 * documented for that status (JSON Schema 2020-12, as OpenAPI 3.1 uses it, formats included).
 *
 * - `contractFetch(url, init)` fetches, reads the JSON body and checks it.
 * - `checkContract(method, path, status, body)` checks a response some other harness already has.
 *
 * A request the document does not describe (`/healthz`, a path or method it has no operation
 * for, or a demo-only `/practice/…` operation, tagged `x-mock-only`) is passed through unchecked.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { parse } from 'yaml';

const documentUrl = new URL('../../docs/openapi.yaml', import.meta.url);
const docId = 'urn:self-schedule:openapi';
/** Where the reference server mounts the contract (stripped from paths before matching). */
export const apiBasePath = '/api';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class ContractError extends Error {
  override name = 'ContractError';
}

interface Operation {
  method: string;
  template: string;
  segments: string[];
  literalCount: number;
  operationId: string;
  mockOnly: boolean;
  responses: Record<string, Json>;
}

let loaded: { doc: Json; ajv: Ajv2020; operations: Operation[]; validators: Map<string, ValidateFunction> } | undefined;

/** Every `$ref: '#/…'` made absolute, so schemas compiled on their own resolve into the document. */
function absoluteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' && item.startsWith('#') ? `${docId}${item}` : absoluteRefs(item)]),
    );
  }
  return value;
}

function load() {
  if (loaded) return loaded;
  const doc = parse(readFileSync(documentUrl, 'utf8'));
  // strict: false, because OpenAPI adds keywords JSON Schema does not know (`discriminator`, `example`).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsPlugin as unknown as (ajv: Ajv2020) => void)(ajv);
  ajv.addSchema({ $id: docId, components: absoluteRefs({ schemas: doc.components.schemas }) });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<Json>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const segments = template.split('/').slice(1);
      operations.push({
        method: method.toUpperCase(),
        template,
        segments,
        literalCount: segments.filter((s) => !s.startsWith('{')).length,
        operationId: op.operationId ?? `${method} ${template}`,
        mockOnly: op['x-mock-only'] === true,
        responses: op.responses,
      });
    }
  }
  // The most literal template first: `/appointments/validate` before `/appointments/{appointmentId}`.
  operations.sort((a, b) => b.literalCount - a.literalCount);
  loaded = { doc, ajv, operations, validators: new Map() };
  return loaded;
}

/** Follows a `$ref` (`#/components/responses/…`) within the document. */
function resolve(doc: Json, value: Json): Json {
  while (value && typeof value.$ref === 'string') {
    value = value.$ref
      .slice(2)
      .split('/')
      .map((part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node: Json, part: string) => node?.[part], doc);
  }
  return value;
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
  const { doc, ajv, validators } = load();
  const op = findOperation(method, path);
  if (!op || op.mockOnly) return undefined;
  const where = `${method.toUpperCase()} ${path} (${op.operationId}) answered ${status}`;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in op.responses);
  if (!key) {
    throw new ContractError(`${where}, a status docs/openapi.yaml does not document for it (documented: ${Object.keys(op.responses).join(', ')}). Body: ${JSON.stringify(body)}`);
  }
  const response = resolve(doc, op.responses[key]);
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) return op.operationId;
  if (contractType(contentType) === false) {
    throw new ContractError(`${where} with Content-Type ${contentType}, not application/json.`);
  }
  const cacheKey = `${op.operationId} ${key}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    validate = ajv.compile(absoluteRefs(schema));
    validators.set(cacheKey, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).slice(0, 8).map((e) => `  ${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
    throw new ContractError(`${where}, but the body does not match the documented schema:\n${errors.join('\n')}\nBody: ${JSON.stringify(body).slice(0, 2000)}`);
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

/** `fetch`, the body read as JSON, and the answer checked against docs/openapi.yaml. */
export async function contractFetch(url: string, init: RequestInit = {}): Promise<ContractResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  const method = (init.method ?? 'GET').toUpperCase();
  const { pathname } = new URL(url);
  let body: Json;
  try {
    body = JSON.parse(text);
  } catch {
    if (findOperation(method, pathname) && !findOperation(method, pathname)!.mockOnly) {
      throw new ContractError(`${method} ${pathname} answered ${response.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 300))}`);
    }
    body = text;
  }
  checkContract(method, pathname, response.status, body, response.headers.get('Content-Type'));
  return { status: response.status, body, headers: response.headers };
}
