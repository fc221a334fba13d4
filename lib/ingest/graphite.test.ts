import { describe, expect, it } from "vitest";
import { eachGraphiteLine, parseGraphiteLine, parseGraphiteText } from "./graphite";
import { parseIngestBody } from "./parse-request";
import { ApiError } from "@/lib/http/api-error";

const NOW = 1_795_000_000_000;

describe("parseGraphiteLine", () => {
  it("parses name value seconds into ms", () => {
    expect(parseGraphiteLine("auth.api.latency.p95 42.5 1795000000", NOW)).toEqual({ metric: "auth.api.latency.p95", value: 42.5, ts: 1_795_000_000_000 });
    expect(parseGraphiteLine("  a.b   1   1795000000.25  ", NOW)).toEqual({ metric: "a.b", value: 1, ts: 1_795_000_000_250 });
    expect(parseGraphiteLine("a.b\t1\t1795000000", NOW)).toEqual({ metric: "a.b", value: 1, ts: 1_795_000_000_000 });
    expect(parseGraphiteLine("a.b 1 1795000000\r", NOW)).toEqual({ metric: "a.b", value: 1, ts: 1_795_000_000_000 });
    expect(parseGraphiteLine("a.b 1  ", NOW)).toMatchObject({ metric: "a.b", value: 1, ts: NOW });
    expect(parseGraphiteLine("a.b 1 2 3", NOW)).toMatch(/got 4 field/);
    // A remembered name is still checked the first time it is seen in a bad form.
    expect(parseGraphiteLine("a.b 1 1795000000", NOW)).toMatchObject({ metric: "a.b" });
    expect(parseGraphiteLine("a..b 1 1795000000", NOW)).toMatch(/bad metric name/);
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

describe("tagged Graphite lines", () => {
  it("read name;k=v;k2=v2 as the metric and its labels, names sanitized", () => {
    expect(parseGraphiteLine("disk.used;host=a1;data-center=eu:west=2;path=/var 42 1795000000", NOW)).toEqual({
      metric: "disk.used",
      labels: { host: "a1", data_center: "eu:west=2", path: "/var" },
      value: 42,
      ts: 1_795_000_000_000,
    });
    expect(parseGraphiteLine("a.b;k=v;k=v 1", NOW)).toEqual({ metric: "a.b", labels: { k: "v" }, value: 1, ts: NOW });
  });

  it("explain what is wrong with a bad tag", () => {
    for (const path of ["a.b;k", "a.b;=v", "a.b;k=", "a.b;", "a.b;k=v;", "a.b;k!=v", "a.b;k^=v", "a.b;k=~v"]) {
      expect(parseGraphiteLine(`${path} 1 1795000000`, NOW)).toMatch(/bad tag/);
    }
    expect(parseGraphiteLine(";k=v 1", NOW)).toMatch(/bad metric name/);
    expect(parseGraphiteLine("a..b;k=v 1", NOW)).toMatch(/bad metric name/);
    expect(parseGraphiteLine("a.b;name=x 1", NOW)).toMatch(/tag "name"/);
    expect(parseGraphiteLine("a.b;k=1;k=2 1", NOW)).toMatch(/label "k" two values/);
    expect(parseGraphiteLine("a.b;a.b=1;a_b=2 1", NOW)).toMatch(/label "a_b" two values/);
    expect(parseGraphiteLine(`a.b;k=${"v".repeat(1025)} 1`, NOW)).toMatch(/longer than 1024/);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `;t${i}=v`).join("");
    expect(parseGraphiteLine(`a.b${tags(32)} 1`, NOW)).not.toBeTypeOf("string");
    expect(parseGraphiteLine(`a.b${tags(33)} 1`, NOW)).toMatch(/at most 32 labels/);
  });

  it("allow 255 characters to the metric part, tags besides", () => {
    expect(parseGraphiteLine(`${"a".repeat(255)};k=v 1`, NOW)).not.toBeTypeOf("string");
    expect(parseGraphiteLine(`${"a".repeat(256)};k=v 1`, NOW)).toMatch(/bad metric name/);
  });

  it("are reported by line number like other bad lines", () => {
    const { lines, problems } = parseGraphiteText("a.b;k=v 1 1795000000\na.b;k 2 1795000000\n", NOW);
    expect(lines).toEqual([{ metric: "a.b", labels: { k: "v" }, value: 1, ts: 1_795_000_000_000 }]);
    expect(problems).toEqual([{ where: "line 2", message: expect.stringMatching(/bad tag "k"/) }]);
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

  it("groups tagged Graphite lines by metric and label set", () => {
    const batch = parseIngestBody("text/plain", "a.b;r=/x 1 1795000000\na.b;r=/y 2 1795000000\na.b 3 1795000000\na.b;r=/x 4 1795000010", NOW);
    expect(batch.series).toEqual([
      { metric: "a.b", labels: { r: "/x" }, points: [[1_795_000_000_000, 1], [1_795_000_010_000, 4]] },
      { metric: "a.b", labels: { r: "/y" }, points: [[1_795_000_000_000, 2]] },
      { metric: "a.b", points: [[1_795_000_000_000, 3]] },
    ]);
    expect(() => parseIngestBody("text/plain", "a.b;r=/x 1 1795000000\na.b;r 2", NOW)).toThrow(/invalid Graphite lines/);
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

  it("takes JSON timestamps in seconds or ms, rounding to whole ms, and names points that are not an array", () => {
    const batch = parseIngestBody("application/json", '{"series":[{"metric":"a.b","points":[[1795000000, 1],[1795000000000.6, 2],[1795000000002, 3]]}]}');
    expect(batch.series[0].points).toEqual([[1795000000000, 1], [1795000000001, 2], [1795000000002, 3]]);
    const problems = (body: string) => {
      try {
        parseIngestBody("application/json", body);
      } catch (error) {
        return (error as ApiError).problems;
      }
    };
    expect(problems('{"series":[{"metric":"a.b","points":"1,2"}]}')).toEqual([{ where: "series[0].points", message: "expected an array of [timestamp, value] pairs" }]);
    expect(problems('{"series":[{"metric":"a.b","points":[]}]}')).toEqual([{ where: "series[0].points", message: "a series needs at least one point" }]);
  });

  it("rejects malformed JSON and empty bodies", () => {
    expect(() => parseIngestBody("application/json", "{nope")).toThrow(/not valid JSON/);
    expect(() => parseIngestBody("text/plain", "\n\n")).toThrow(/no metrics/);
  });
});

describe("eachGraphiteLine", () => {
  it("reads every line as parseGraphiteLine does, the plain ones in place", () => {
    const now = 1_700_000_000_000;
    const lines = [
      "a.b 1.5 1700000000",
      "a.b 1.5 1700000000\r",
      "a.b 1.5 \r",
      "a.b 1.5 17\r\r",
      "  a.b 1.5 1700000000",
      "a.b  1.5 1700000000",
      "a.b\t1.5\t1700000000",
      "a.b 1.5\t1700000000",
      "a.b 1.5 -1",
      "a.b 1.5",
      "a.b 0x10 1700000000",
      "a.b 1e3 1700000000",
      "a.b NaN 1700000000",
      "a.b 1.5 1700000000.5",
      "a.b 1.5 99999999999999999999",
      "a.b 1.5 1700000000 extra",
      "a b 1.5 1700000000",
      "bad name! 1 1700000000",
      "a;env=prod;dc=x 2 1700000000",
      "a;name=x 2 1700000000",
      "a.b 1.5 0001700000000",
      "a.b 1.5 ",
      "a.b -0 1700000000",
      "é.b 1 1700000000",
    ];
    const seen: unknown[] = [];
    eachGraphiteLine(["", ...lines, "   ", "\r"].join("\n"), now, (parsed, start, end, index) => seen.push([index, parsed, start < end]));
    expect(seen).toEqual(lines.map((line, i) => [i + 1, parseGraphiteLine(line, now), true]));
  });

  // Each line's spaces are looked for within the line: a search running on to the next space in
  // the body made a body of lines without one quadratic (18 s for this one, minutes for a 32 MiB
  // upload, where one pass takes a fraction of a second). The timeout is that guard, not a target.
  it("reads a large body of lines without a space in one pass", { timeout: 10_000 }, () => {
    const body = Array.from({ length: 400_000 }, (_, i) => `a.b\t${i}\t1700000000`).join("\n");
    let points = 0;
    eachGraphiteLine(body, 1_700_000_000_000, (parsed) => void (typeof parsed !== "string" && points++));
    expect(points).toBe(400_000);
  });
});
