import { describe, expect, it } from "vitest";
import { alias, aliasByNode, combineSeries, formatG, movingAverage, scale, summarize } from "./functions";
import type { GraphiteSeries } from "./series";

// Names and values as graphite-web's render/functions.py gives them (docs/functions.rst).
const series = (name: string, values: (number | null)[], start = 600, step = 60, pathExpression = name): GraphiteSeries => ({ name, pathExpression, tagName: name, start, step, values });

describe("Graphite render functions", () => {
  it("sumSeries and averageSeries skip nulls, answer null where every series is null, and are named after the path expressions", () => {
    const a = series("web.a.requests", [1, null, 3, null], 600, 60, "web.*.requests");
    const b = series("web.b.requests", [10, 20, null, null], 600, 60, "web.*.requests");
    expect(combineSeries("sum", [[a, b]])).toEqual([series("sumSeries(web.*.requests)", [11, 20, 3, null])]);
    expect(combineSeries("average", [[a], [b]])[0]).toMatchObject({ name: "averageSeries(web.*.requests)", values: [5.5, 20, 3, null] });
    expect(combineSeries("sum", [[a], [series("x.y", [1, 1, 1, 1])]])[0].name).toBe("sumSeries(web.*.requests,x.y)");
    expect(combineSeries("sum", [])).toEqual([]);
  });

  it("scale multiplies and names with %g; alias renames; aliasByNode takes nodes of the first path", () => {
    expect(scale([series("a.b", [1, null, 2])], 0.5)[0]).toMatchObject({ name: "scale(a.b,0.5)", values: [0.5, null, 1] });
    expect(scale([series("a.b", [1])], 10)[0].name).toBe("scale(a.b,10)");
    expect([formatG(1e-7), formatG(1234567), formatG(0.000123), formatG(2)]).toEqual(["1e-07", "1.23457e+06", "0.000123", "2"]);
    expect(alias([series("a.b", [1])], "Logins")[0].name).toBe("Logins");
    const nested = series("scale(sumSeries(auth.api.latency.p95),2)", [1]);
    expect(aliasByNode([nested, series("auth.web.latency.p50", [1])], [1, -1]).map((s) => s.name)).toEqual(["api.p95", "web.p50"]);
  });

  it("summarize buckets to multiples of the interval (sum by default), or from the start with alignToFrom", () => {
    // 10 minutes of 1-minute values from 00:10 (600 s), summarized per 5 min.
    const s = series("a.b", [1, 2, 3, 4, 5, 6, 7, 8, 9, null], 630, 60);
    expect(summarize([s], "5min", "sum", false)[0]).toMatchObject({ name: 'summarize(a.b, "5min", "sum")', start: 600, step: 300, values: [15, 30, null] });
    expect(summarize([s], "5min", "avg", false)[0].values).toEqual([3, 7.5, null]);
    expect(summarize([s], "5min", "max", true)[0]).toMatchObject({ name: 'summarize(a.b, "5min", "max", true)', start: 630, values: [5, 9] });
    expect(() => summarize([s], "5m", "sum", false)).toThrow(/not an interval/);
    expect(() => summarize([s], "1h", "mode", false)).toThrow(/unknown function "mode"/);
  });

  it("movingAverage averages the window ending at each point, reading the preview before from", () => {
    // Preview of 2 points (120 s) before the range start 720.
    const preview = series("a.b", [2, 4, 6, null, 10], 600, 60);
    expect(movingAverage([preview], 2, 120, 0)[0]).toMatchObject({ name: "movingAverage(a.b,2)", start: 720, values: [5, 6, 10] });
    expect(movingAverage([preview], "2min", 120, 0)[0]).toMatchObject({ name: 'movingAverage(a.b,"2min")', values: [5, 6, 10] });
    expect(movingAverage([preview], 2, 120, 1)[0].values).toEqual([5, null, null]);
  });
});

describe("aliasSub", () => {
  it("renames as Python's re.sub does, including the wrapper Grafana puts around every target", async () => {
    const { aliasSub } = await import("./alias-sub");
    const { parseTarget } = await import("./target-parser");
    // Grafana's datasource.ts query(): aliasSub(<target>, "(^.*$)", "\1 A"), sent as written.
    const wrapped = parseTarget(String.raw`aliasSub(sumSeries(a.*.b), "(^.*$)", "\1 A")`);
    const [search, replace] = wrapped.type === "call" ? wrapped.args.slice(1).map((a) => (a.type === "string" ? a.value : "")) : [];
    expect(aliasSub([series("sumSeries(a.*.b)", [1])], search, replace)[0].name).toBe("sumSeries(a.*.b) A");
    expect(aliasSub([series("web.host-1.cpu", [1])], String.raw`host-(\d+)`, String.raw`h\g<1>`)[0].name).toBe("web.h1.cpu");
    expect(aliasSub([series("web.host-1.cpu", [1])], String.raw`host-(?P<n>\d+)`, String.raw`n\g<n>`)[0].name).toBe("web.n1.cpu");
    expect(() => aliasSub([series("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", [1])], "(a+)+$", "x")).toThrow(/nested quantifiers/);
    expect(() => aliasSub([series("a", [1])], "(", "x")).toThrow(/not a valid regular expression/);
  });
});

describe("render functions on wide windows", () => {
  it("movingAverage keeps a running window: a 50,000-point window over 100,000 points is fast and right", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? null : i));
    const started = performance.now();
    const [out] = movingAverage([series("a.b", values, 0, 10)], 50_000, 500_000, 0);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out.values).toHaveLength(50_000);
    const window = values.slice(1, 50_001).filter((v): v is number => v !== null);
    expect(out.values[0]).toBeCloseTo(window.reduce((a, b) => a + b, 0) / window.length, 6);
  });

  it("summarize refuses more buckets than a function may build, naming the limit", () => {
    const year = series("a.b", [1, 2], 0, 3600 * 24 * 183);
    expect(() => summarize([year], "1s", "sum", false)).toThrow(/makes 31,\d{3},\d{3} buckets, more than 100,000/);
    expect(summarize([year], "1d", "sum", false)[0].values).toHaveLength(367);
  });
});

describe("aliasSub on hostile patterns", () => {
  it("answers at once: refused, never run for seconds on the event loop", async () => {
    const { aliasSub } = await import("./alias-sub");
    const names = [series("a".repeat(25) + "!", [1]), series("x".repeat(60), [1])];
    for (const pattern of ["((a+))+$", "((a+)|b)+$", "(a|a)*$", ".*.*.*.*.*.*z"]) {
      const started = performance.now();
      expect(() => aliasSub(names, pattern, "x"), pattern).toThrow(/aliasSub: /);
      expect(performance.now() - started).toBeLessThan(50);
    }
    expect(aliasSub(names, "(^.*$)", String.raw`\1 A`)[1].name).toBe(`${"x".repeat(60)} A`);
  });
});
