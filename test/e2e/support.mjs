// Whole pages driven from Node: the demo served by Vite, in Debian's Chromium via playwright-core.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromeArgs, requireChrome } from '../../scripts/chrome.mjs';

/** Starts the demo on a free local port; returns its URL and a stop function. */
export async function startDemo() {
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The demo server did not report its address.');
  return { url, stop: () => server.close() };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: requireChrome(),
    // playwright sets headless mode itself.
    args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
  });
}

/** "9:00 AM" → "09:00:00", the grid's data-time for that row. */
export function rowTime(label) {
  const [, hour, minute, half] = /(\d+):(\d+)\s*(AM|PM)/.exec(label);
  return `${String((Number(hour) % 12) + (half === 'PM' ? 12 : 0)).padStart(2, '0')}:${minute}:00`;
}

/** "Start at Monday, December 7, 2026 at 9:00 AM EST" → "2026-12-07", the grid's data-date for that day. */
export function labelDate(label) {
  const [, month, day, year] = /, (\w+) (\d+), (\d{4}) at /.exec(label);
  const monthNumber = new Date(`${month} 1, 2000`).getMonth() + 1;
  return `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The widest of the boxes `locator` matches: a grid row rather than its axis label. */
export async function widest(locator) {
  let best;
  for (const candidate of await locator.all()) {
    const box = await candidate.boundingBox();
    if (box && (!best || box.width > best.width)) best = box;
  }
  return best;
}

/**
 * Chooses the open time of start-time button `slot` on the grid itself (its day's column, its
 * time's row), with a click or a double click, and waits until the form shows that time chosen.
 * FullCalendar's class names are hashed, so the grid is found by its roles and data attributes.
 * Resolves with the chosen button's label.
 */
export async function chooseOnGrid(page, form, slot, { double = false } = {}) {
  const label = await slot.getAttribute('aria-label');
  assert.ok(label, 'an open start time');
  const header = form.locator(`[role="columnheader"][data-date="${labelDate(label)}"]`);
  // The list can come before the lazily loaded grid has drawn its columns.
  await header.waitFor();
  const rows = form.locator(`[data-time="${rowTime(await slot.innerText())}"]`);
  await rows.last().scrollIntoViewIfNeeded();
  const row = await widest(rows);
  const column = await header.boundingBox();
  assert.ok(row && column, `the row and the column of "${label}" are on screen`);
  const point = [column.x + column.width / 2, row.y + row.height / 2];
  await (double ? page.mouse.dblclick(...point) : page.mouse.click(...point));
  const chosen = form.locator('[part~="slot"][aria-pressed="true"]');
  await chosen.waitFor({ timeout: 5000 });
  assert.equal(await chosen.getAttribute('aria-label'), label, 'the grid chose that time');
  return label;
}
