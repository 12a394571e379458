import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Importing the package registers the elements. That happens before React first renders them, which
// matters: React 19 sets a prop as a property only when the element already has it (`strings` in
// element); on a not-yet-defined element an object would become the attribute "[object Object]".
import 'self-schedule-elements';
// The fakes and the demo practice live in the package's testing entry, never in the root one.
import { Practice, createDemoPractice, demoClientId } from 'self-schedule-elements/testing';
import { startMockApi } from '../../mock-api/browser.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { App } from './App.js';

const root = document.getElementById('root')!;

async function start(): Promise<void> {
  // Signed in as the demo client with a session cookie, as a client portal would be.
  document.cookie = `${demoSessionCookie}=${demoClientId}; path=/; SameSite=Lax`;
  // The elements ask for data as soon as they are rendered, so the mock API must answer first.
  await startMockApi(new Practice(createDemoPractice()));
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start().catch((error: unknown) => {
  root.textContent = `The example could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.classList.add('error');
});
