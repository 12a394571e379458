/**
 * Half-open time intervals `[start, end)` over epoch milliseconds, and the set operations the
 * calendar needs. "Normalized" means sorted by start, non-empty, and with no two intervals
 * overlapping or touching: every operation here returns normalized lists, and the binary
 * searches of {@link IntervalIndex} rely on it.
 */

export interface Interval {
  start: number;
  end: number;
}

/** Sorts, drops empty intervals, and merges overlapping or touching ones. */
export function normalize(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((interval) => interval.end > interval.start)
    .map(({ start, end }) => ({ start, end }))
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** The union of two interval lists. */
export function union(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return normalize([...a, ...b]);
}

/** The times in both `a` and `b`. Inputs need not be normalized. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const left = normalize(a);
  const right = normalize(b);
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (start < end) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return result;
}

/** The times in `a` that are not in `b`. Inputs need not be normalized. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const kept = normalize(a);
  const removed = normalize(b);
  const result: Interval[] = [];
  let j = 0;
  for (const interval of kept) {
    let cursor = interval.start;
    while (j < removed.length && removed[j].end <= cursor) j++;
    let k = j;
    while (k < removed.length && removed[k].start < interval.end) {
      if (removed[k].start > cursor) result.push({ start: cursor, end: removed[k].start });
      cursor = Math.max(cursor, removed[k].end);
      k++;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** The parts of `range` not covered by `intervals`: on the calendar, what is greyed out. */
export function complement(intervals: readonly Interval[], range: Interval): Interval[] {
  return subtract([range], intervals);
}

/** Total length of a list of intervals, in milliseconds (overlaps counted once). */
export function totalLength(intervals: readonly Interval[]): number {
  return normalize(intervals).reduce((sum, { start, end }) => sum + end - start, 0);
}

/**
 * A normalized interval list answering "which interval holds this time" by binary search,
 * so that checking a selection costs O(log n) however much of the calendar is open.
 */
export class IntervalIndex {
  readonly intervals: readonly Interval[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  constructor(intervals: readonly Interval[]) {
    this.intervals = normalize(intervals);
    this.starts = Float64Array.from(this.intervals, (interval) => interval.start);
    this.ends = Float64Array.from(this.intervals, (interval) => interval.end);
  }

  get size(): number {
    return this.intervals.length;
  }

  /** Position of the last interval starting at or before `time`, or -1. */
  private lastStartingAtOrBefore(time: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle] <= time) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The interval holding the instant `time`, if any. */
  containing(time: number): Interval | undefined {
    const position = this.lastStartingAtOrBefore(time);
    return position >= 0 && time < this.ends[position] ? this.intervals[position] : undefined;
  }

  /** True when all of `[start, end)` lies inside one interval. */
  covers(start: number, end: number): boolean {
    const position = this.lastStartingAtOrBefore(start);
    return position >= 0 && end <= this.ends[position] && start < end;
  }

  /** The first interval sharing any time with `[start, end)`, if any. */
  firstOverlapping(start: number, end: number): Interval | undefined {
    if (end <= start) return undefined;
    const position = this.lastStartingAtOrBefore(start);
    if (position >= 0 && this.ends[position] > start) return this.intervals[position];
    const next = position + 1;
    return next < this.starts.length && this.starts[next] < end ? this.intervals[next] : undefined;
  }

  /** The intervals clipped to `range`: what a visible week shows. */
  within(range: Interval): Interval[] {
    const result: Interval[] = [];
    let position = Math.max(0, this.lastStartingAtOrBefore(range.start));
    for (; position < this.starts.length && this.starts[position] < range.end; position++) {
      const start = Math.max(this.starts[position], range.start);
      const end = Math.min(this.ends[position], range.end);
      if (start < end) result.push({ start, end });
    }
    return result;
  }

  /** What is not covered inside `range`: the greyed-out times of a visible week. */
  gapsWithin(range: Interval): Interval[] {
    return complement(this.within(range), range);
  }
}
