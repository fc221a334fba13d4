import { describe, expect, it } from "vitest";
import { parseGraphiteLine, parseGraphiteText } from "./graphite";
import { parseIngestBody } from "./parse-request";
import { ApiError } from "@/lib/http/api-error";

const NOW = 1_795_000_000_000;

describe("parseGraphiteLine", () => {
  it("parses name value seconds into ms", () => {
    expect(parseGraphiteLine("auth.api.latency.p95 42.5 1795000000", NOW)).toEqual({ metric: "auth.api.latency.p95", value: 42.5, ts: 1_795_000_000_000 });
    expect(parseGraphiteLine("  a.b   1   1795000000.25  ", NOW)).toEqual({ metric: "a.b", value: 1, ts: 1_795_000_000_250 });
  });

  it("takes a missing or -1 timestamp as now", () => {
    expect(parseGraphiteLine("a.b 1", NOW)).toEqual({ metric: "a.b", value: 1, ts: NOW });
    expect(parseGraphiteLine("a.b 1 -1", NOW)).toEqual({ metric: "a.b", value: 1, ts: NOW });
  });

  it("explains what is wrong with a bad line", () => {
    expect(parseGraphiteLine("a.b", NOW)).toMatch(/expected/);
    expect(parseGraphiteLine("a.b x 1795000000", NOW)).toMatch(/not a finite number/);
    expect(parseGraphiteLine("a.b NaN 1795000000", NOW)).toMatch(/not a finite number/);
    expect(parseGraphiteLine("a..b 1 1795000000", NOW)).toMatch(/bad metric name/);
    expect(parseGraphiteLine("a.b 1 yesterday", NOW)).toMatch(/unix seconds/);
    expect(parseGraphiteLine("a.b 1 2 3", NOW)).toMatch(/expected/);
  });
});

describe("parseGraphiteText", () => {
  it("skips blank lines and reports bad ones by line number", () => {
    const { lines, problems } = parseGraphiteText("a.b 1 1795000000\n\nbad line here now\r\na.c 2 1795000010\n", NOW);
    expect(lines).toHaveLength(2);
    expect(problems).toEqual([{ where: "line 3", message: expect.stringMatching(/expected/) }]);
  });
});

describe("parseIngestBody", () => {
  it("reads JSON series, normalising epoch seconds to ms", () => {
    const batch = parseIngestBody("application/json", JSON.stringify({ series: [{ metric: "a.b", points: [[1795000000, 1], [1795000010000, 2]] }] }));
    expect(batch.series[0].points).toEqual([[1_795_000_000_000, 1], [1_795_000_010_000, 2]]);
  });

  it("groups Graphite lines by metric", () => {
    const batch = parseIngestBody("text/plain", "a.b 1 1795000000\na.c 2 1795000000\na.b 3 1795000010", NOW);
    expect(batch.series.map((s) => [s.metric, s.points.length])).toEqual([["a.b", 2], ["a.c", 1]]);
  });

  it("rejects a whole batch naming each bad item", () => {
    const attempt = () =>
      parseIngestBody("application/json", JSON.stringify({ series: [{ metric: "ok.one", points: [[1, 1]] }, { metric: "bad name", points: [[1, "x"], [-5, 1]] }] }));
    expect(attempt).toThrow(ApiError);
    try {
      attempt();
    } catch (error) {
      const wheres = (error as ApiError).problems.map((p) => p.where);
      expect(wheres).toEqual(expect.arrayContaining(["series[1].metric", "series[1].points[0][1]", "series[1].points[1][0]"]));
      expect((error as ApiError).status).toBe(400);
    }
  });

  it("rejects non-finite values and timestamps past year 2286", () => {
    const attempt = () => parseIngestBody("application/json", '{"series":[{"metric":"a.b","points":[[1795000000000, 1e400],[1e20, 1],[1795000000000, 2]]}]}');
    expect(attempt).toThrow(ApiError);
    try {
      attempt();
    } catch (error) {
      expect((error as ApiError).problems.map((p) => p.where)).toEqual(["series[0].points[0][1]", "series[0].points[1][0]"]);
    }
    expect(parseGraphiteLine("a.b 1 99999999999999", NOW)).toMatch(/unix seconds/);
  });

  it("rejects malformed JSON and empty bodies", () => {
    expect(() => parseIngestBody("application/json", "{nope")).toThrow(/not valid JSON/);
    expect(() => parseIngestBody("text/plain", "\n\n")).toThrow(/no metrics/);
  });
});
