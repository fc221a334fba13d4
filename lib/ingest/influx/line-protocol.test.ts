import { describe, expect, it } from "vitest";
import { parseLineProtocol } from "./line-protocol";

const NOW = 1_700_000_000_000;
const parse = (text: string, precision: "ns" | "us" | "ms" | "s" = "ns") => parseLineProtocol(text, { precision, now: NOW });

describe("InfluxDB line protocol", () => {
  it("makes a series per numeric field, tags as labels", () => {
    const { batch, problems } = parse("cpu,host=a,dc=ams usage=12.5,idle=80i,up=t,note=\"x, y\" 1700000000000000000\nmem value=3u");
    expect(problems).toEqual([]);
    expect(batch.series).toEqual([
      { metric: "cpu_usage", labels: { host: "a", dc: "ams" }, points: [[NOW, 12.5]] },
      { metric: "cpu_idle", labels: { host: "a", dc: "ams" }, points: [[NOW, 80]] },
      { metric: "cpu_up", labels: { host: "a", dc: "ams" }, points: [[NOW, 1]] },
      { metric: "mem", points: [[NOW, 3]] },
    ]);
  });

  it("reads escapes, precisions and comments", () => {
    const { batch } = parse("# a comment\nmy\\ disk,path=/var\\,log used=1 1700000000", "s");
    expect(batch.series).toEqual([{ metric: "my_disk_used", labels: { path: "/var,log" }, points: [[NOW, 1]] }]);
    expect(parse("m v=1 1700000000000", "ms").batch.series[0].points).toEqual([[NOW, 1]]);
  });

  it("names every bad line", () => {
    const { problems } = parse("ok v=1\nbad\nm v=abc\nm v=1 notatime\nm,t v=1\nm s=\"only a string\"");
    expect(problems.map((p) => p.where)).toEqual(["line 2", "line 3", "line 4", "line 5", "line 6"]);
    expect(problems[0].message).toMatch(/measurement\[,tags\] fields/);
    expect(problems[4].message).toBe("no numeric field on the line");
  });
});
