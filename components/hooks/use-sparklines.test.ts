import { describe, expect, it } from "vitest";
import type { SeriesResult } from "@/lib/series/read-series";
import { alternationGlobs, sparklinePoints } from "./use-sparklines";

describe("alternationGlobs", () => {
  it("keeps every glob within the series API's 500 characters and every name in one", () => {
    const names = Array.from({ length: 50 }, (_, i) => `accounts.api.admin.metric-number-${i}.p95`);
    const globs = alternationGlobs(names);
    expect(globs.length).toBeGreaterThan(1);
    expect(globs.every((g) => g.length <= 500)).toBe(true);
    expect(globs.flatMap((g) => g.slice(1, -1).split(","))).toEqual(names);
  });
});

describe("sparklinePoints", () => {
  const series = (metric: string, labels: Record<string, string>, shown: SeriesResult["shown"], value: number): SeriesResult =>
    ({ metric, labels, kind: "gauge", unit: null, shown, resolution: "raw", points: [[1, value]] }) as SeriesResult;

  it("keeps each name's points, and a histogram's p95 under its _bucket name, which is read as quantiles", () => {
    const points = sparklinePoints([
      series("latency", { quantile: "0.5" }, "quantile", 1),
      series("latency", { quantile: "0.95" }, "quantile", 2),
      series("latency", { quantile: "0.99" }, "quantile", 3),
      series("requests", {}, "rate", 7),
    ]);
    expect(points.get("latency_bucket")).toEqual([[1, 2]]);
    expect(points.get("latency")).toEqual([[1, 2]]);
    expect(points.get("requests")).toEqual([[1, 7]]);
    expect(points.has("requests_bucket")).toBe(false);
  });
});
