import { describe, expect, it } from "vitest";
import { histogramQuantile, parseLe, quantilesPerStep, type LeBucket } from "./histogram-quantile";

/** Buckets in the order given (an object would move integer-like keys such as "10" first). */
const histogram = (...buckets: [le: string, count: number][]): LeBucket[] => buckets.map(([le, count]) => ({ le: parseLe(le), count }));

// Histograms and expected values from Prometheus' promql/promqltest/testdata/histograms.test.
const positive = histogram(["0.1", 50], [".2", 70], ["1e0", 110], ["+Inf", 120]);
const negative = histogram(["-.2", 10], ["-0.1", 20], ["0.3", 20], ["+Inf", 30]);
const middles = histogram(["0", 0], ["2", 1], ["4", 2], ["6", 3], ["+Inf", 3]);
const nonMonotonic = histogram(["0.1", 20], ["1", 10], ["10", 50], ["100", 40], ["1000", 90], ["+Inf", 80]);

describe("histogramQuantile", () => {
  it.each<[string, number, LeBucket[], number]>([
    ["interpolates from 0 in the lowest bucket", 0.2, positive, 0.048],
    ["interpolates inside a middle bucket", 0.5, positive, 0.15],
    ["interpolates inside the highest finite bucket", 0.8, positive, 0.72],
    ["gives q=0 the lower bound 0", 0, positive, 0],
    ["gives q=1 the highest finite bound", 1, positive, 1],
    ["returns a lowest bound ≤ 0 as it is", 0.2, negative, -0.2],
    ["interpolates between negative bounds", 0.5, negative, -0.15],
    ["returns the highest finite bound for a rank in +Inf", 0.8, negative, 0.3],
    ["lands in the middle of a bucket", 1 / 6, middles, 1],
    ["lands in the middle of another bucket", 5 / 6, middles, 5],
    ["forces decreasing counts monotonic (low)", 0.01, nonMonotonic, 0.0045],
    ["forces decreasing counts monotonic (middle)", 0.5, nonMonotonic, 8.5],
    ["forces decreasing counts monotonic (high)", 0.99, nonMonotonic, 979.75],
    ["sums buckets with the same bound", 0.5, [{ le: 1, count: 2 }, { le: 1, count: 3 }, { le: Infinity, count: 5 }], 0.5],
    ["ignores float noise between buckets", 1, [{ le: 1, count: 100 }, { le: 2, count: 100.00000000001 }, { le: Infinity, count: 100.00000000001 }], 1],
  ])("%s", (_, q, buckets, expected) => {
    expect(histogramQuantile(q, buckets)).toBeCloseTo(expected, 12);
  });

  it.each<[string, number, LeBucket[], number]>([
    ["q < 0 is -Inf", -0.1, positive, -Infinity],
    ["q > 1 is +Inf", 1.01, positive, Infinity],
    ["q NaN is NaN", NaN, positive, NaN],
    ["no +Inf bucket is NaN", 0.5, histogram(["0.1", 1], ["1", 2]), NaN],
    ["only a +Inf bucket is NaN", 0.5, histogram(["+Inf", 4]), NaN],
    ["no buckets is NaN", 0.5, [], NaN],
    ["no observations is NaN", 0.5, histogram(["1", 0], ["+Inf", 0]), NaN],
  ])("%s", (_, q, buckets, expected) => {
    expect(histogramQuantile(q, buckets)).toBe(expected);
  });

  it("sorts buckets by bound without changing the caller's array", () => {
    const shuffled = [positive[3], positive[1], positive[0], positive[2]];
    const before = structuredClone(shuffled);
    expect(histogramQuantile(0.8, shuffled)).toBeCloseTo(0.72, 12);
    expect(shuffled).toEqual(before);
    expect(histogramQuantile(0.5, nonMonotonic)).toBeCloseTo(8.5, 12);
    expect(nonMonotonic[1].count).toBe(10);
  });
});

describe("quantilesPerStep", () => {
  const series = [
    { le: 0.1, increases: [null, 0, 5, null, 1] },
    { le: 1, increases: [null, 0, 10, 4, 2] },
    { le: Infinity, increases: [null, 0, 10, 4, null] },
  ];

  it("takes each step's quantile over the buckets with a value, null where there is none", () => {
    expect(quantilesPerStep(series, 0.75)).toEqual([null, null, 0.55, 0.75, null]);
  });

  it("is null for q outside [0, 1] and for no series at all", () => {
    expect(quantilesPerStep(series, 1.5)).toEqual([null, null, null, null, null]);
    expect(quantilesPerStep([], 0.5)).toEqual([]);
  });
});

describe("parseLe", () => {
  it.each<[string, number]>([
    ["+Inf", Infinity],
    ["Inf", Infinity],
    ["+infinity", Infinity],
    ["-Inf", -Infinity],
    ["0.005", 0.005],
    ["1e-3", 0.001],
    ["1E0", 1],
    [".2", 0.2],
    ["-0.1", -0.1],
    ["10", 10],
  ])("reads %s", (text, expected) => {
    expect(parseLe(text)).toBe(expected);
  });

  it.each(["", " 1", "0x10", "1,5", "abc", "1e", "Infx"])("rejects %j as Prometheus does", (text) => {
    expect(parseLe(text)).toBeNaN();
  });
});
