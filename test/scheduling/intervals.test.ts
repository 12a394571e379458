import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  type Interval,
  IntervalIndex,
  complement,
  intersect,
  normalize,
  subtract,
  totalLength,
  union,
} from '../../src/scheduling/intervals.js';

/*
 * The reference model: an interval set over a small domain is the set of integer points it
 * holds. With integer ends, the half-open [start, end) holds exactly start..end-1, so two
 * interval lists are the same set exactly when they agree at every integer point.
 */
const DOMAIN = 200;
/** Points checked: a little either side of the domain, to catch stray ends. */
const POINTS = Array.from({ length: DOMAIN + 6 }, (_, index) => index - 3);
const RUNS = 300;

type PointSet = Set<number>;

function pointsOf(intervals: readonly Interval[]): PointSet {
  const points = new Set<number>();
  for (const { start, end } of intervals) for (let point = start; point < end; point++) points.add(point);
  return points;
}

function expectSameSet(actual: readonly Interval[], expected: PointSet): void {
  for (const point of POINTS) {
    const inActual = actual.some(({ start, end }) => start <= point && point < end);
    if (inActual !== expected.has(point)) {
      expect.fail(`point ${point}: ${inActual ? 'present' : 'absent'} in ${JSON.stringify(actual)}`);
    }
  }
}

function expectNormalized(intervals: readonly Interval[]): void {
  intervals.forEach((interval, index) => {
    expect(interval.end, `interval ${index} is empty: ${JSON.stringify(intervals)}`).to.be.greaterThan(interval.start);
    if (index > 0) {
      // Strictly greater: the previous one neither overlaps nor touches.
      expect(interval.start, `intervals ${index - 1} and ${index} touch or overlap: ${JSON.stringify(intervals)}`).to.be.greaterThan(
        intervals[index - 1].end,
      );
    }
  });
}

/** Any interval over the domain, including empty and reversed ones, which mean "nothing". */
const anyInterval = fc
  .tuple(fc.integer({ min: 0, max: DOMAIN }), fc.integer({ min: 0, max: DOMAIN }))
  .map(([start, end]) => ({ start, end }));
/** Mostly proper intervals: short ones, so that lists have gaps, touches and overlaps. */
const properInterval = fc
  .tuple(fc.integer({ min: 0, max: DOMAIN - 1 }), fc.integer({ min: 1, max: 40 }))
  .map(([start, length]) => ({ start, end: Math.min(DOMAIN, start + length) }));
const intervalList = fc.array(fc.oneof({ weight: 4, arbitrary: properInterval }, { weight: 1, arbitrary: anyInterval }), {
  maxLength: 12,
});
const point = fc.integer({ min: -2, max: DOMAIN + 2 });
const range = fc
  .tuple(fc.integer({ min: -5, max: DOMAIN + 5 }), fc.integer({ min: -5, max: DOMAIN + 5 }))
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

const property = <T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => void) =>
  fc.assert(fc.property(arbitrary, check), { numRuns: RUNS });

describe('interval set operations against a point-set model', () => {
  it('normalize keeps exactly the points of its input, sorted, non-empty and not touching', () => {
    property(intervalList, (list) => {
      const result = normalize(list);
      expectNormalized(result);
      expectSameSet(result, pointsOf(list));
    });
  });

  it('normalize is idempotent and leaves its input untouched', () => {
    property(intervalList, (list) => {
      const copy = structuredClone(list);
      const once = normalize(list);
      expect(list).to.deep.equal(copy);
      expect(normalize(once)).to.deep.equal(once);
    });
  });

  it('union holds the points of either list', () => {
    property(fc.tuple(intervalList, intervalList), ([a, b]) => {
      const result = union(a, b);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf(a), ...pointsOf(b)]));
    });
  });

  it('intersect holds the points of both lists, for unnormalized inputs too', () => {
    property(fc.tuple(intervalList, intervalList), ([a, b]) => {
      const result = intersect(a, b);
      const inB = pointsOf(b);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf(a)].filter((p) => inB.has(p))));
    });
  });

  it('subtract holds the points of the first list that are not in the second', () => {
    property(fc.tuple(intervalList, intervalList), ([a, b]) => {
      const result = subtract(a, b);
      const inB = pointsOf(b);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf(a)].filter((p) => !inB.has(p))));
    });
  });

  it('complement holds the points of the range that no interval covers', () => {
    property(fc.tuple(intervalList, range), ([list, within]) => {
      const result = complement(list, within);
      const covered = pointsOf(list);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf([within])].filter((p) => !covered.has(p))));
    });
  });

  it('totalLength counts every covered point once', () => {
    property(intervalList, (list) => {
      expect(totalLength(list)).to.equal(pointsOf(list).size);
    });
  });

  it('union, intersect and subtract fit together: (a - b) + (a & b) = a, and (a - b) & b = nothing', () => {
    property(fc.tuple(intervalList, intervalList), ([a, b]) => {
      expect(union(subtract(a, b), intersect(a, b))).to.deep.equal(normalize(a));
      expect(intersect(subtract(a, b), b)).to.deep.equal([]);
    });
  });
});

describe('IntervalIndex against a point-set model', () => {
  it('holds the normalized intervals and counts them', () => {
    property(intervalList, (list) => {
      const index = new IntervalIndex(list);
      expect(index.intervals).to.deep.equal(normalize(list));
      expect(index.size).to.equal(normalize(list).length);
    });
  });

  it('containing(t) is the interval holding t, or undefined when no interval does', () => {
    property(fc.tuple(intervalList, fc.array(point, { minLength: 1, maxLength: 20 })), ([list, times]) => {
      const index = new IntervalIndex(list);
      const covered = pointsOf(list);
      for (const time of times) {
        const found = index.containing(time);
        if (!covered.has(time)) {
          expect(found, `containing(${time})`).to.equal(undefined);
        } else {
          expect(found, `containing(${time})`).to.not.equal(undefined);
          expect(index.intervals).to.include(found);
          let runStart = time;
          while (covered.has(runStart - 1)) runStart--;
          let runEnd = time;
          while (covered.has(runEnd)) runEnd++;
          expect(found).to.deep.equal({ start: runStart, end: runEnd });
        }
      }
    });
  });

  it('covers(s, e) is true exactly when s < e and every point of [s, e) is covered', () => {
    property(fc.tuple(intervalList, fc.array(range, { minLength: 1, maxLength: 20 })), ([list, queries]) => {
      const index = new IntervalIndex(list);
      const covered = pointsOf(list);
      for (const { start, end } of queries) {
        let expected = start < end;
        for (let p = start; p < end && expected; p++) expected = covered.has(p);
        expect(index.covers(start, end), `covers(${start}, ${end})`).to.equal(expected);
      }
    });
  });

  it('firstOverlapping(s, e) is the earliest interval sharing a point with [s, e)', () => {
    property(fc.tuple(intervalList, fc.array(range, { minLength: 1, maxLength: 20 })), ([list, queries]) => {
      const index = new IntervalIndex(list);
      const covered = pointsOf(list);
      for (const { start, end } of queries) {
        let first: number | undefined;
        for (let p = start; p < end; p++) {
          if (covered.has(p)) {
            first = p;
            break;
          }
        }
        const found = index.firstOverlapping(start, end);
        if (first === undefined) {
          expect(found, `firstOverlapping(${start}, ${end})`).to.equal(undefined);
        } else {
          // The maximal run of covered points around `first` is the interval expected.
          let runStart = first;
          while (covered.has(runStart - 1)) runStart--;
          let runEnd = first;
          while (covered.has(runEnd)) runEnd++;
          expect(found, `firstOverlapping(${start}, ${end})`).to.deep.equal({ start: runStart, end: runEnd });
        }
      }
    });
  });

  it('within(range) is the covered part of the range, normalized', () => {
    property(fc.tuple(intervalList, range), ([list, within]) => {
      const result = new IntervalIndex(list).within(within);
      const covered = pointsOf(list);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf([within])].filter((p) => covered.has(p))));
    });
  });

  it('gapsWithin(range) is the uncovered part of the range, normalized', () => {
    property(fc.tuple(intervalList, range), ([list, within]) => {
      const result = new IntervalIndex(list).gapsWithin(within);
      const covered = pointsOf(list);
      expectNormalized(result);
      expectSameSet(result, new Set([...pointsOf([within])].filter((p) => !covered.has(p))));
    });
  });
});

describe('interval edge cases', () => {
  it('merges intervals that only touch', () => {
    expect(
      normalize([
        { start: 10, end: 20 },
        { start: 0, end: 10 },
      ]),
    ).to.deep.equal([{ start: 0, end: 20 }]);
    expect(
      union(
        [{ start: 0, end: 10 }],
        [{ start: 10, end: 20 }],
      ),
    ).to.deep.equal([{ start: 0, end: 20 }]);
  });

  it('keeps intervals apart that are separated by a gap of one', () => {
    expect(
      normalize([
        { start: 0, end: 10 },
        { start: 11, end: 20 },
      ]),
    ).to.deep.equal([
      { start: 0, end: 10 },
      { start: 11, end: 20 },
    ]);
  });

  it('drops empty and reversed intervals', () => {
    expect(
      normalize([
        { start: 5, end: 5 },
        { start: 9, end: 3 },
      ]),
    ).to.deep.equal([]);
    expect(totalLength([{ start: 5, end: 5 }])).to.equal(0);
  });

  it('treats empty input as the empty set everywhere', () => {
    const some = [{ start: 0, end: 10 }];
    expect(normalize([])).to.deep.equal([]);
    expect(union([], [])).to.deep.equal([]);
    expect(intersect([], some)).to.deep.equal([]);
    expect(intersect(some, [])).to.deep.equal([]);
    expect(subtract([], some)).to.deep.equal([]);
    expect(subtract(some, [])).to.deep.equal(some);
    expect(complement([], { start: 0, end: 10 })).to.deep.equal([{ start: 0, end: 10 }]);
    expect(totalLength([])).to.equal(0);

    const index = new IntervalIndex([]);
    expect(index.size).to.equal(0);
    expect(index.containing(0)).to.equal(undefined);
    expect(index.covers(0, 1)).to.equal(false);
    expect(index.firstOverlapping(0, 100)).to.equal(undefined);
    expect(index.within({ start: 0, end: 10 })).to.deep.equal([]);
    expect(index.gapsWithin({ start: 0, end: 10 })).to.deep.equal([{ start: 0, end: 10 }]);
  });

  it('treats intervals as half-open: the end belongs to nothing', () => {
    const index = new IntervalIndex([
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ]);
    expect(index.containing(10)).to.deep.equal({ start: 10, end: 20 });
    expect(index.containing(19.999)).to.deep.equal({ start: 10, end: 20 });
    expect(index.containing(20)).to.equal(undefined);
    expect(index.containing(40)).to.equal(undefined);
    expect(index.containing(9.999)).to.equal(undefined);
  });

  it('covers a stretch that ends exactly where an interval ends, but not one past it', () => {
    const index = new IntervalIndex([{ start: 10, end: 20 }]);
    expect(index.covers(10, 20)).to.equal(true);
    expect(index.covers(15, 20)).to.equal(true);
    expect(index.covers(15, 20.001)).to.equal(false);
    expect(index.covers(9.999, 15)).to.equal(false);
  });

  it('does not cover an empty or reversed stretch, even inside an interval', () => {
    const index = new IntervalIndex([{ start: 10, end: 20 }]);
    expect(index.covers(15, 15)).to.equal(false);
    expect(index.covers(18, 12)).to.equal(false);
  });

  it('does not cover a stretch across a gap between two intervals', () => {
    const index = new IntervalIndex([
      { start: 10, end: 20 },
      { start: 21, end: 30 },
    ]);
    expect(index.covers(15, 25)).to.equal(false);
  });

  it('covers a stretch across a join of touching intervals, since they are merged', () => {
    const index = new IntervalIndex([
      { start: 10, end: 20 },
      { start: 20, end: 30 },
    ]);
    expect(index.covers(15, 25)).to.equal(true);
  });

  it('does not count touching as overlapping', () => {
    const index = new IntervalIndex([{ start: 10, end: 20 }]);
    expect(index.firstOverlapping(20, 25)).to.equal(undefined);
    expect(index.firstOverlapping(5, 10)).to.equal(undefined);
    expect(index.firstOverlapping(5, 11)).to.deep.equal({ start: 10, end: 20 });
    expect(index.firstOverlapping(19, 25)).to.deep.equal({ start: 10, end: 20 });
    expect(index.firstOverlapping(12, 12)).to.equal(undefined);
  });

  it('finds the first of several overlapping intervals', () => {
    const index = new IntervalIndex([
      { start: 10, end: 20 },
      { start: 30, end: 40 },
      { start: 50, end: 60 },
    ]);
    expect(index.firstOverlapping(0, 100)).to.deep.equal({ start: 10, end: 20 });
    expect(index.firstOverlapping(25, 100)).to.deep.equal({ start: 30, end: 40 });
  });

  it('clips within() to the range and greys out the rest with gapsWithin()', () => {
    const index = new IntervalIndex([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 40, end: 50 },
    ]);
    const week = { start: 5, end: 45 };
    expect(index.within(week)).to.deep.equal([
      { start: 5, end: 10 },
      { start: 20, end: 30 },
      { start: 40, end: 45 },
    ]);
    expect(index.gapsWithin(week)).to.deep.equal([
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ]);
  });

  it('counts overlapping intervals once in totalLength', () => {
    expect(
      totalLength([
        { start: 0, end: 10 },
        { start: 5, end: 15 },
        { start: 20, end: 25 },
      ]),
    ).to.equal(20);
  });

  it('splits an interval around a hole with subtract', () => {
    expect(subtract([{ start: 0, end: 100 }], [{ start: 40, end: 60 }])).to.deep.equal([
      { start: 0, end: 40 },
      { start: 60, end: 100 },
    ]);
    expect(subtract([{ start: 0, end: 100 }], [{ start: -10, end: 110 }])).to.deep.equal([]);
  });
});
