/**
 * FullCalendar lays a view out a second time after its first paint, once it has measured it (the
 * time axis's width, the rows' heights): shown at once, everything in it would jump. The grids
 * are drawn hidden, keeping their room, and shown once their layout holds still.
 */

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Where the view's header, first row and last row are: what moves when FullCalendar lays it out again. */
function layoutOf(container: HTMLElement): string {
  const rows = container.querySelectorAll('[role="row"], [role="listitem"]');
  const marks = [container.querySelector('[role="columnheader"]'), rows[0], rows[rows.length - 1]];
  return marks
    .map((mark) => {
      const rect = mark?.getBoundingClientRect();
      return rect ? `${rect.x},${rect.y},${rect.width},${rect.height}` : '-';
    })
    .join(' ');
}

/** Hides `container` (it keeps its room) until showWhenStill() shows it. */
export function hideWhileSettling(container: HTMLElement): void {
  // Through the CSSOM: a style attribute would need 'unsafe-inline' under a strict CSP.
  container.style.visibility = 'hidden';
}

/**
 * Shows `container` once its layout is the same in two frames running (or after `maxFrames`, or
 * at once when it has left the page).
 */
export async function showWhenStill(container: HTMLElement, maxFrames = 60): Promise<void> {
  let previous = '';
  for (let frame = 0; frame < maxFrames && container.isConnected; frame++) {
    await nextFrame();
    const current = layoutOf(container);
    if (current === previous) break;
    previous = current;
  }
  container.style.visibility = '';
}
