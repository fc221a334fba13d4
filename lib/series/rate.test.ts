import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { increasesPerStep, prometheusRate, ratePerSecond, type StepGrid } from "./rate";

const s = (seconds: number) => seconds * 1000;
const MINUTE = s(60);
const grid: StepGrid = { from: 0, stepMs: MINUTE, steps: 3 };
const at = (pairs: [seconds: number, value: number][]): Point[] => pairs.map(([t, v]) => [s(t), v]);

/** Points every `intervalMs` from 0, the way promqltest's `load` lays out `values`. */
const load = (intervalMs: number, values: number[]): Point[] => values.map((v, i) => [i * intervalMs, v]);
/** promqltest's `a+bxN`: a, a+b, … a+N·b. */
const series = (start: number, increment: number, times: number) => Array.from({ length: times + 1 }, (_, i) => start + i * increment);

describe("increasesPerStep", () => {
  it.each<[string, Point[], (number | null)[]]>([
    ["counts an increase in the step of the later sample", at([[0, 5], [30, 8], [60, 10], [90, 15]]), [3, 7, null]],
    ["reads a drop as a reset that counts the new value", at([[0, 10], [30, 20], [60, 3], [90, 5]]), [10, 5, null]],
    ["gives the very first sample no increase", at([[30, 100]]), [null, null, null]],
    ["uses a sample before the grid as the first step's previous one", at([[-10, 100], [10, 110]]), [10, null, null]],
    ["gives 0 to a flat step and null to an empty one", at([[0, 1], [10, 1], [130, 4]]), [0, null, 3]],
    ["puts a sample on a boundary in the step it starts", at([[59, 1], [60, 2]]), [null, 1, null]],
    ["ignores increases that end after the grid", at([[170, 1], [180, 2]]), [null, null, null]],
  ])("cumulative: %s", (_, points, expected) => {
    expect(increasesPerStep(points, "cumulative", grid)).toEqual(expected);
  });

  it.each<[string, Point[], (number | null)[]]>([
    ["sums the points of a step", at([[0, 2], [30, 3], [60, 0], [150, 4]]), [5, 0, 4]],
    ["counts the first point too", at([[30, 7]]), [7, null, null]],
    ["ignores points outside the grid", at([[-1, 7], [180, 9]]), [null, null, null]],
  ])("delta: %s", (_, points, expected) => {
    expect(increasesPerStep(points, "delta", grid)).toEqual(expected);
  });
});

describe("ratePerSecond", () => {
  it("divides a cumulative counter's increases by the time they span, a gap's spread over it, and keeps nulls", () => {
    expect(ratePerSecond(at([[0, 0], [30, 30], [150, 90]]), "cumulative", grid)).toEqual([1, null, 0.5]);
  });

  it("divides a delta counter's step sums by the step's length", () => {
    expect(ratePerSecond(at([[0, 6], [130, 12]]), "delta", grid)).toEqual([0.1, null, 0.2]);
  });

  it("draws a steady counter flat whatever the steps' phase against its samples (no comb)", () => {
    // A sample a minute, 108-s steps (a day at 800 points): steps hold one interval or two.
    const points = load(MINUTE, series(0, 60, 100));
    const rates = ratePerSecond(points, "cumulative", { from: s(120), stepMs: s(108), steps: 40 });
    for (const rate of rates) expect(rate).toBeCloseTo(1, 9);
  });
});

// Expected values from Prometheus' own promql/promqltest/testdata/functions.test.
describe("prometheusRate", () => {
  const increase = (points: Point[], evalTs: number, windowMs: number) => (prometheusRate(points, evalTs, windowMs) ?? NaN) * (windowMs / 1000);

  it.each<[string, number[], number, number, number]>([
    ["extrapolates to a window edge within 1.1 intervals", series(0, 10, 10), 50, 50, 100],
    ["corrects a reset and stops at the counter's zero point", [...series(0, 18, 5), ...series(0, 18, 5)], 50, 100, 162],
    ["extrapolates half an interval towards a distant edge", series(10, 10, 10), 50, 100, 105],
    ["extrapolates no further back than the zero point", series(1, 10, 10), 50, 100, 101],
    ["reads 3 2 as 3 0 1 2", [0, 1, 2, 3, 2, 3, 4], 30, 30, 7],
  ])("increase: %s", (_, values, evalMinutes, windowMinutes, expected) => {
    expect(increase(load(5 * MINUTE, values), evalMinutes * MINUTE, windowMinutes * MINUTE)).toBeCloseTo(expected, 9);
  });

  it.each<[string, number[], number, number, number | null]>([
    ["a reset in the middle", [...series(0, 27, 4), ...series(0, 27, 5)], 50, 50, 0.08],
    ["a window holding one sample has no rate", [...series(0, 10, 9), 0, 10], 50, 5, null],
    ["a reset at the end of the window", [...series(0, 10, 9), 0, 10], 50, 6, 0],
  ])("rate: %s", (_, values, evalMinutes, windowMinutes, expected) => {
    const rate = prometheusRate(load(5 * MINUTE, values), evalMinutes * MINUTE, windowMinutes * MINUTE);
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 9);
  });

  it.each<[number, number, number]>([
    [0, 10, 0.5],
    [60, 10, 0.55],
    [120, 10, 0.6],
    [300, 10, 0.6],
    [0, 50, 0.6],
    [300, 50, 0.6],
  ])("limits left extrapolation by the zero point up to half an interval (start %i, at %im)", (start, evalMinutes, expected) => {
    const rate = prometheusRate(load(4 * MINUTE, series(start, 240, 10)), evalMinutes * MINUTE, 20 * MINUTE);
    expect(rate).toBeCloseTo(expected, 9);
  });
});

describe("ratePerSecond against Prometheus' rate", () => {
  it.each<[number, number, number]>([
    [1, 0, 0],
    [0.37, s(7.5), 1_000],
    [250, 1, 5e6],
    [12.5, s(14.999), 42],
  ])("matches within 1%% for a steady counter every 15 s (%f/s, phase %i ms, from %i)", (perSecond, phaseMs, startValue) => {
    const points: Point[] = Array.from({ length: 200 }, (_, i) => {
      const ts = phaseMs + i * s(15);
      return [ts, startValue + (perSecond * ts) / 1000];
    });
    const stepGrid: StepGrid = { from: s(600), stepMs: MINUTE, steps: 30 };
    const ours = ratePerSecond(points, "cumulative", stepGrid);
    ours.forEach((rate, i) => {
      const theirs = prometheusRate(points, stepGrid.from + (i + 1) * MINUTE, MINUTE);
      expect(theirs).not.toBeNull();
      expect(Math.abs((rate ?? NaN) - theirs!)).toBeLessThanOrEqual(0.01 * theirs!);
    });
  });

  it("agrees at a series' start too, where the first sample counts nothing but neither does its interval", () => {
    const points = load(s(15), series(0, 15, 8));
    expect(ratePerSecond(points, "cumulative", { from: 0, stepMs: MINUTE, steps: 1 })).toEqual([1]);
    expect(prometheusRate(points, MINUTE, MINUTE)).toBeCloseTo(1, 9);
  });
});
