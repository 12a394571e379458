/**
 * The script-tag build's entry (`dist/cdn/self-schedule.js`). It registers all three elements by
 * name and loads each one's code the first time its tag appears in the page, so a practice page
 * with only the form never downloads the calendar. Chunks are imported relative to this file's own
 * URL, so the build works from any path on any CDN.
 */
const loaders = {
  'self-schedule-form': () => import('./elements/self-schedule-form/self-schedule-form.js'),
  'appointment-status': () => import('./elements/appointment-status/appointment-status.js'),
  'appointment-calendar': () => import('./elements/appointment-calendar/appointment-calendar.js'),
};

export type ElementName = keyof typeof loaders;

export const elementNames = Object.keys(loaders) as ElementName[];

const loading = new Map<ElementName, Promise<CustomElementConstructor>>();

/**
 * Loads and defines one element now. Needed only for an element the page cannot see yet: one
 * created but not attached, or attached inside another shadow root. Resolves with its class.
 */
export function load(name: ElementName): Promise<CustomElementConstructor> {
  let pending = loading.get(name);
  if (!pending) {
    pending = loaders[name]().then(() => customElements.whenDefined(name));
    // A failed download may be retried by the next element that appears.
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}

function isElementName(name: string): name is ElementName {
  return name in loaders;
}

function discover(root: ParentNode): void {
  for (const name of elementNames) {
    if (!loading.has(name) && root.querySelector(name)) void load(name).catch(reportFailure);
  }
}

function reportFailure(error: unknown): void {
  console.error('self-schedule: an element could not be loaded.', error);
}

if (typeof document !== 'undefined') {
  discover(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const name = node.localName;
        if (isElementName(name) && !loading.has(name)) void load(name).catch(reportFailure);
        discover(node);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}
