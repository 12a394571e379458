/**
 * What every demo page does first: sign in as the demo client (as a portal's session cookie
 * would), make sure `/api` answers (the reference server behind the dev server, or the msw mock
 * in a service worker: see backend.ts), and wire the demo bar (Reset demo data, notices). Then the
 * page's own start runs; any failure is said in the bar rather than left in the console.
 */
import { type DemoBackend, demoBackendKind } from './backend.js';
import { DemoBar } from './demo-bar.js';

/** The client the demo signs in as: one of both practices' clients (mock-api/demo-practice.ts, server/seed/demo-practice.json). */
const demoClientId = 'client-alex';
/** The sign-in cookie both the mock (mock-api/handlers.ts) and the server (server/src/identity/demo-stand-in.ts, with DEMO=1) read. */
const demoSessionCookie = 'demo-client';

export interface DemoSession {
  /** What the demo runs on. */
  backend: DemoBackend['kind'];
  /**
   * Calls `listener` whenever the practice may have changed elsewhere (a client's request from
   * another tab or browser), for a page that shows the whole practice.
   */
  followChanges(listener: () => void): void;
}

async function loadBackend(): Promise<DemoBackend> {
  // Only the backend in use is loaded: on the server, no msw and no stored practice.
  return demoBackendKind === 'mock' ? (await import('./mock-backend.js')).mockBackend() : (await import('./server-backend.js')).serverBackend();
}

/** Survives the reload after a reset, so the reloaded page can say what happened. */
const resetNoticeKey = 'self-schedule-elements:demo-reset-notice';

function rememberReset(notice: string): void {
  try {
    sessionStorage.setItem(resetNoticeKey, notice);
  } catch {
    // Without session storage the page reloads without a word; nothing is lost.
  }
}

function takeResetNotice(): string[] {
  try {
    const notice = sessionStorage.getItem(resetNoticeKey);
    sessionStorage.removeItem(resetNoticeKey);
    return notice ? [notice] : [];
  } catch {
    return [];
  }
}

function demoBar(): DemoBar {
  const existing = document.querySelector('demo-bar');
  if (existing) return existing;
  const bar = new DemoBar();
  document.body.prepend(bar);
  return bar;
}

export async function startDemoPage(startPage: (session: DemoSession) => Promise<void> | void): Promise<void> {
  const bar = demoBar();
  try {
    document.cookie = `${demoSessionCookie}=${demoClientId}; path=/; SameSite=Lax`;
    const backend = await loadBackend();
    bar.notices = [...takeResetNotice(), ...backend.notices];
    backend.watch((event) => {
      if (event.kind === 'notice') bar.notices = [...bar.notices, event.message];
      if (event.kind === 'reset') {
        // Every element on the page holds data of the practice that is gone: start the page again.
        rememberReset('The demo data was reset in another tab.');
        location.reload();
      }
    });
    bar.addEventListener('demo-reset', () => {
      backend.reset().then(
        () => {
          rememberReset(backend.resetNotice);
          location.reload();
        },
        (error: unknown) => {
          bar.error = `The demo data could not be reset: ${error instanceof Error ? error.message : String(error)}`;
        },
      );
    });
    await backend.start();
    await startPage({ backend: backend.kind, followChanges: (listener) => backend.followChanges(listener) });
    // For whoever waits on the page (a person sees it; the end-to-end tests read it).
    document.documentElement.dataset.demo = 'ready';
  } catch (error) {
    bar.error = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
    document.documentElement.dataset.demo = 'failed';
    console.error(error);
  }
}
