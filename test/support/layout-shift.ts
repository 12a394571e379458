/** The Layout Instability API, for tests that prove something appears without moving the page. */
import { nextFrame } from './grid-helpers.js';

export interface Shift {
  value: number;
  moved: string[];
}

/** Records the layout shifts from now on; `stop()` hands them over once the last frame's are in. */
export function watchShifts(): { stop(): Promise<Shift[]> } {
  const shifts: Shift[] = [];
  const record = (entries: PerformanceEntryList) => {
    for (const entry of entries as unknown as Array<{ value: number; sources: Array<{ previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }>) {
      const rect = (r: DOMRectReadOnly) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
      shifts.push({ value: entry.value, moved: entry.sources.map((s) => `${rect(s.previousRect)} → ${rect(s.currentRect)}`) });
    }
  };
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'layout-shift' });
  return {
    async stop() {
      // Shifts are reported after the frame that made them.
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 100));
      record(observer.takeRecords());
      observer.disconnect();
      return shifts;
    },
  };
}

/** Each shift's score and what moved, for a failure message. */
export const describeShifts = (shifts: Shift[]) => shifts.map((shift) => `${shift.value.toFixed(4)}: ${shift.moved.join('; ')}`).join(' | ');
