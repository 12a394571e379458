/**
 * What every demo page does first: sign in as the demo client (as a portal's session cookie
 * would), serve the mock API in msw's service worker over the practice the demo keeps in the
 * browser, and wire the demo bar (Reset demo data, notices). Then the page's own start runs; any
 * failure is said in the bar rather than left in the console.
 */
import { startMockApi } from '../../mock-api/browser.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { StoredPractice } from '../../mock-api/stored-practice.js';
import { DemoBar } from './demo-bar.js';

export interface DemoSession {
  /** The practice every tab of the demo shares. */
  store: StoredPractice;
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
    const store = new StoredPractice();
    bar.notices = [...takeResetNotice(), ...store.notices];
    store.watch((change) => {
      if (change.kind === 'notice') bar.notices = [...bar.notices, change.message];
      if (change.kind === 'reset') {
        // Every element on the page holds data of the practice that is gone: start the page again.
        rememberReset('The demo data was reset in another tab.');
        location.reload();
      }
    });
    bar.addEventListener('demo-reset', () => {
      store.reset();
      rememberReset('The demo data was reset: a fresh practice, with dates around today.');
      location.reload();
    });
    if (!('serviceWorker' in navigator)) {
      throw new Error(
        'the mock API runs in a service worker, which browsers allow only on https or localhost. Open the demo at http://127.0.0.1 or http://localhost.',
      );
    }
    await startMockApi(store.practice);
    await startPage({ store });
    // For whoever waits on the page (a person sees it; the end-to-end tests read it).
    document.documentElement.dataset.demo = 'ready';
  } catch (error) {
    bar.error = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
    document.documentElement.dataset.demo = 'failed';
    console.error(error);
  }
}
