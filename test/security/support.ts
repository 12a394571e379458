/**
 * What the security tests share: payloads that would run if any text from the API were parsed
 * as HTML (each calls `xssHit(field)`, so a run names the field that leaked), a practice whose
 * every text field and some ids hold them, and detectors that look through every shadow root.
 */
import { waitUntil } from '@open-wc/testing';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';

declare global {
  interface Window {
    /** Called by every payload that manages to run. */
    xssHit(field: string): void;
  }
}

/** Fields whose payload ran, in order. */
export const hits: string[] = [];
window.xssHit = (field: string) => hits.push(field);

/**
 * A field's text: a readable word first (so a test can say where it expects it), then every
 * way a string has been known to turn into markup or code: tags with handlers, a script, a
 * breakout from an attribute, an iframe running script, a javascript: URL, template-literal and
 * template-engine syntax, and end tags that close raw-text elements.
 */
export function payload(field: string): string {
  const call = `xssHit('${field}')`;
  return [
    `${field}`,
    `<img src=x data-xss onerror="${call}">`,
    `<script data-xss>${call}</script>`,
    `"><svg data-xss onload="${call}">`,
    `'><iframe data-xss srcdoc="<script>parent.${call}</script>"></iframe>`,
    `<a data-xss href="javascript:${call}">link</a>`,
    `javascript:${call}`,
    '${' + call + '}',
    `{{constructor.constructor("${call}")()}}`,
    `</textarea></title></style></script><b data-xss onmouseover="${call}">bold</b>`,
  ].join(' ');
}

/** An id that breaks out of an attribute if it is ever put into markup unescaped. */
export const hostileId = (name: string) => `${name}"><img src=x data-xss onerror="xssHit('${name}')">`;

export const chenId = hostileId('dr-chen');
export const seed1Id = hostileId('seed-1');

/**
 * The demo practice with a payload in every text field the API can carry (names, credentials,
 * addresses, descriptions, the cancellation policy), in what only the practice keeps (the
 * client's name and e-mail, a therapist's note), and in two ids.
 */
export function makeHostile(data: PracticeData): void {
  const renameProvider = (from: string, to: string) => {
    for (const provider of data.providers) if (provider.id === from) provider.id = to;
    for (const schedule of data.schedules) if (schedule.providerId === from) schedule.providerId = to;
    for (const service of data.services) for (const offer of service.offeredBy) if (offer.providerId === from) offer.providerId = to;
    for (const appointment of data.appointments) if (appointment.providerId === from) appointment.providerId = to;
  };
  renameProvider('dr-chen', chenId);
  for (const appointment of data.appointments) if (appointment.id === 'seed-1') appointment.id = seed1Id;
  data.name = payload('practice-name');
  for (const provider of data.providers) {
    provider.name = payload(`provider-name-${provider.credentials}`);
    provider.credentials = payload(`provider-credentials-${provider.credentials}`);
  }
  for (const location of data.locations) {
    location.name = payload(`location-name-${location.kind}`);
    if (location.kind === 'in-person') location.address = `${payload('address-line-1')}\n${payload('address-line-2')}`;
  }
  for (const service of data.services) {
    service.name = payload(`service-name-${service.durationMinutes}`);
    service.description = payload(`service-description-${service.durationMinutes}`);
  }
  data.policy.cancellationPolicy = payload('cancellation-policy');
  for (const client of data.clients) {
    client.name = payload('client-name');
    client.email = `${payload('client-email')}@example.com`;
  }
}

/** Signed in as Alex over the mock API, as a portal page would be. */
export const restAdapter = () =>
  new RestAdapter({ baseUrl: '/api', headers: { Authorization: 'Bearer client-alex' }, readRetries: 0 });

/** Every node under `root`, entering open shadow roots. */
export function* deepNodes(root: Node): Generator<Node> {
  yield root;
  if (root instanceof Element && root.shadowRoot) yield* deepNodes(root.shadowRoot);
  for (const child of root.childNodes) yield* deepNodes(child);
}

export const deepElements = (root: Node) => [...deepNodes(root)].filter((node): node is Element => node instanceof Element);

/** Tags that no text of ours ever becomes. */
const foreignTags = new Set(['script', 'iframe', 'img', 'svg', 'object', 'embed', 'frame', 'base', 'meta', 'link', 'b']);
const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'];

/** What a payload would have left in the DOM under `root`, described; empty when nothing. */
export function injected(root: Node): string[] {
  const found: string[] = [];
  for (const element of deepElements(root)) {
    const tag = element.localName;
    const handlers = element.getAttributeNames().filter((name) => name.startsWith('on'));
    const scriptUrls = urlAttributes.filter((name) => /^\s*javascript:/i.test(element.getAttribute(name) ?? '') || (name === 'srcdoc' && element.hasAttribute(name)));
    if (foreignTags.has(tag) || element.hasAttribute('data-xss') || handlers.length || scriptUrls.length) {
      found.push(element.outerHTML.slice(0, 120));
    }
  }
  return found;
}

/** Text nodes under `root` (through shadow roots) that contain `text` whole. */
export function textNodesWith(root: Node, text: string): Text[] {
  return [...deepNodes(root)].filter((node): node is Text => node instanceof Text && (node.textContent ?? '').includes(text));
}

/** An element that has a box: `node`'s, or for an option its select's. */
function shownElement(node: Text): Element | null {
  const parent = node.parentElement;
  return parent?.closest('option')?.closest('select') ?? parent;
}

/**
 * Waits until `text` is on screen as one text node (so it was never split into markup), under
 * `root`; fails naming `what` otherwise.
 */
export async function shownAsText(root: Node, text: string, what: string): Promise<void> {
  await waitUntil(
    () => textNodesWith(root, text).some((node) => (shownElement(node)?.getClientRects().length ?? 0) > 0),
    `${what}: the text ${JSON.stringify(text.slice(0, 40))}… shown as text`,
    { timeout: 10_000 },
  );
}
