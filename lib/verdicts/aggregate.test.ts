import { describe, expect, it } from "vitest";
import { aggregate } from "./aggregate";

describe("aggregate", () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6];

  it("computes each aggregation", () => {
    expect(aggregate(values, "avg")).toBe(31 / 8);
    expect(aggregate(values, "sum")).toBe(31);
    expect(aggregate(values, "max")).toBe(9);
    expect(aggregate(values, "min")).toBe(1);
    expect(aggregate(values, "last")).toBe(6);
  });

  it("takes p95 by linear interpolation (R type 7)", () => {
    // sorted 1 1 2 3 4 5 6 9; h = 7 × 0.95 = 6.65 → 6 + 0.65 × (9 − 6) = 7.95, as R's quantile(x, .95)
    expect(aggregate(values, "p95")).toBeCloseTo(7.95, 12);
    // R: quantile(1:100, .95) → 95.05
    expect(aggregate(Array.from({ length: 100 }, (_, i) => i + 1), "p95")).toBeCloseTo(95.05, 12);
  });

  it("is null for an empty window, whatever the aggregation", () => {
    for (const agg of ["avg", "sum", "max", "min", "last", "p95"] as const) expect(aggregate([], agg)).toBeNull();
  });

  it("handles large windows without spreading arguments", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(aggregate(many, "max")).toBe(299_999);
  });
});
