import { describe, expect, it } from "vitest";
import { parseStatsdLine, parseStatsdPacket } from "./parse";

describe("parseStatsdPacket", () => {
  it("parses every type, several lines per packet", () => {
    const { samples, problems } = parseStatsdPacket("hits:1|c\nload:0.5|g\nlatency:320|ms\nsize:12|h\nusers:alice|s\n");
    expect(problems).toEqual([]);
    expect(samples).toEqual([
      { kind: "counter", name: "hits", value: 1, sampleRate: 1, tags: [] },
      { kind: "gauge", name: "load", value: 0.5, delta: false, tags: [] },
      { kind: "timer", name: "latency", value: 320, sampleRate: 1, tags: [] },
      { kind: "timer", name: "size", value: 12, sampleRate: 1, tags: [] },
      { kind: "set", name: "users", member: "alice", tags: [] },
    ]);
  });

  it("reads sample rates, signed gauges and tags", () => {
    expect(parseStatsdLine("auth.login:3|c|@0.1")).toEqual([{ kind: "counter", name: "auth.login", value: 3, sampleRate: 0.1, tags: [] }]);
    expect(parseStatsdLine("q:-4|g")).toEqual([{ kind: "gauge", name: "q", value: -4, delta: true, tags: [] }]);
    expect(parseStatsdLine("q:+4|g")).toEqual([{ kind: "gauge", name: "q", value: 4, delta: true, tags: [] }]);
    expect(parseStatsdLine("t:12|ms|@0.5|#env:prod,region:eu")).toEqual([
      { kind: "timer", name: "t", value: 12, sampleRate: 0.5, tags: ["env:prod", "region:eu"] },
    ]);
  });

  it("splits several values on one line", () => {
    expect(parseStatsdLine("a:1|c:2|c|@0.5")).toEqual([
      { kind: "counter", name: "a", value: 1, sampleRate: 1, tags: [] },
      { kind: "counter", name: "a", value: 2, sampleRate: 0.5, tags: [] },
    ]);
  });

  it("skips and reports malformed lines without losing the good ones", () => {
    const packet = ["ok:1|c", "novalue", "x:abc|c", "y:1|zz", "z:1", "bad name:1|c", "r:1|c|@2", "r:1|c|@0", "s:|s", "ok2:2|g"].join("\n");
    const { samples, problems } = parseStatsdPacket(packet);
    expect(samples.map((s) => s.name)).toEqual(["ok", "ok2"]);
    expect(problems.map((p) => p.where)).toEqual(["line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9"]);
    expect(problems[2].message).toMatch(/unknown type "zz"/);
    expect(problems[5].message).toMatch(/sample rate/);
  });

  it("rejects a line whose second value is bad as a whole", () => {
    expect(parseStatsdLine("a:1|c:x|c")).toMatch(/not a number/);
  });

  it("refuses names too long for the longest stat name a flush writes", () => {
    expect(parseStatsdLine(`${"a".repeat(200)}:1|ms`)).not.toBeTypeOf("string");
    expect(parseStatsdLine(`${"a".repeat(201)}:1|ms`)).toMatch(/bad metric name/);
  });
});
