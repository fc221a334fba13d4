import { describe, expect, it } from "vitest";
import { pickKeyMetrics } from "./key-metrics";

const names = (list: string[]) => list.map((name) => ({ name }));

describe("pickKeyMetrics", () => {
  it("takes latency p95, errors, requests and another latency, in that order", () => {
    const demo = names([
      "auth.api.latency.p50",
      "auth.api.latency.p95",
      "auth.api.latency.p99",
      "auth.api.requests.rate",
      "auth.api.errors.rate",
      "auth.host.cpu.percent",
      "auth.host.memory.mb",
    ]);
    expect(pickKeyMetrics(demo).map((m) => m.name)).toEqual(["auth.api.latency.p95", "auth.api.errors.rate", "auth.api.requests.rate", "auth.api.latency.p50"]);
  });

  it("fills up with more of the same kinds, and never with unrelated metrics while some match", () => {
    expect(pickKeyMetrics(names(["s.errors.db", "s.errors.http", "s.cpu"])).map((m) => m.name)).toEqual(["s.errors.db", "s.errors.http"]);
    expect(pickKeyMetrics(names(["s.latency.p95"]), 4)).toHaveLength(1);
  });

  it("falls back to the first metrics when none match, and to nothing without metrics", () => {
    expect(pickKeyMetrics(names(["s.e", "s.d", "s.c", "s.b", "s.a"])).map((m) => m.name)).toEqual(["s.a", "s.b", "s.c", "s.d"]);
    expect(pickKeyMetrics([])).toEqual([]);
  });
});
