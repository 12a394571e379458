/**
 * What the demo pages run on: the reference server behind the dev server (`npm start`), or the
 * msw mock in a service worker over a practice kept in the browser (`npm run start:mock`, and the
 * end-to-end tests). Either way the pages call `/api`; only the demo's own plumbing differs.
 */

/** What happened to the practice elsewhere, as the demo bar hears it. */
export type PracticeEvent =
  /** Reset demo data was used in another tab: this page holds data of a practice that is gone. */
  | { kind: 'reset' }
  /** Something the visitor should know about the demo's data. */
  | { kind: 'notice'; message: string };

export interface DemoBackend {
  readonly kind: 'server' | 'mock';
  /** What the visitor should know about the demo's data as the page starts. */
  readonly notices: readonly string[];
  /** Makes `/api` answer this page (the mock's service worker), or clears what a mock left behind. */
  start(): Promise<void>;
  /** Throws the practice away for a fresh one, for every page of the demo. */
  reset(): Promise<void>;
  /** The notice the page shows after the reload that follows its own reset. */
  readonly resetNotice: string;
  watch(listener: (event: PracticeEvent) => void): void;
  /**
   * Calls `listener` whenever the practice may have changed elsewhere: on another tab's change
   * (the mock, which hears them through storage), or every few seconds while the page is visible
   * (the server, which pushes nothing).
   */
  followChanges(listener: () => void): void;
}

/** Which backend this build of the demo runs on: `vite --mode mock` picks the mock. */
export const demoBackendKind: DemoBackend['kind'] = import.meta.env.MODE === 'mock' ? 'mock' : 'server';
