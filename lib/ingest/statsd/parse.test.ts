import { describe, expect, it } from "vitest";
import { parseStatsdLine, parseStatsdPacket } from "./parse";

describe("parseStatsdPacket", () => {
  it("parses every type, several lines per packet", () => {
    const { samples, problems } = parseStatsdPacket("hits:1|c\nload:0.5|g\nlatency:320|ms\nsize:12|h\nusers:alice|s\n");
    expect(problems).toEqual([]);
    expect(samples).toEqual([
      { kind: "counter", name: "hits", value: 1, sampleRate: 1 },
      { kind: "gauge", name: "load", value: 0.5, delta: false },
      { kind: "timer", name: "latency", value: 320, sampleRate: 1 },
      { kind: "timer", name: "size", value: 12, sampleRate: 1 },
      { kind: "set", name: "users", member: "alice" },
    ]);
  });

  it("reads sample rates and signed gauges", () => {
    expect(parseStatsdLine("auth.login:3|c|@0.1")).toEqual([{ kind: "counter", name: "auth.login", value: 3, sampleRate: 0.1 }]);
    expect(parseStatsdLine("q:-4|g")).toEqual([{ kind: "gauge", name: "q", value: -4, delta: true }]);
    expect(parseStatsdLine("q:+4|g")).toEqual([{ kind: "gauge", name: "q", value: 4, delta: true }]);
  });

  it("splits several values on one line", () => {
    expect(parseStatsdLine("a:1|c:2|c|@0.5")).toEqual([
      { kind: "counter", name: "a", value: 1, sampleRate: 1 },
      { kind: "counter", name: "a", value: 2, sampleRate: 0.5 },
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

  it("reads DogStatsD tags as labels, before or after the sample rate", () => {
    const expected = [{ kind: "timer", name: "t", value: 12, sampleRate: 0.5, labels: { env: "prod", region: "eu" } }];
    expect(parseStatsdLine("t:12|ms|@0.5|#env:prod,region:eu")).toEqual(expected);
    expect(parseStatsdLine("t:12|ms|#env:prod,region:eu|@0.5")).toEqual(expected);
    expect(parseStatsdLine("hits:1|c|#route:/a")).toEqual([{ kind: "counter", name: "hits", value: 1, sampleRate: 1, labels: { route: "/a" } }]);
  });

  it("cuts a tag at its first colon, sanitizes names, reads a bare tag as true and drops empty values", () => {
    expect(parseStatsdLine("q:1|g|#url:http://x:8080/a,http.route:/b,canary,1st-try:y,gone:,,")).toEqual([
      { kind: "gauge", name: "q", value: 1, delta: false, labels: { url: "http://x:8080/a", http_route: "/b", canary: "true", _1st_try: "y" } },
    ]);
    expect(parseStatsdLine("q:1|g|#gone:")).toEqual([{ kind: "gauge", name: "q", value: 1, delta: false }]);
    expect(parseStatsdLine("q:1|g|#")).toEqual([{ kind: "gauge", name: "q", value: 1, delta: false }]);
    expect(parseStatsdLine("q:1|g|#env:a,env:a,constructor:x")).toEqual([{ kind: "gauge", name: "q", value: 1, delta: false, labels: { env: "a", constructor: "x" } }]);
  });

  it("labels every sample of a line with its tags", () => {
    const samples = parseStatsdLine("a:1|c:2|ms|@0.5|#env:prod");
    expect(samples).toEqual([
      { kind: "counter", name: "a", value: 1, sampleRate: 1, labels: { env: "prod" } },
      { kind: "timer", name: "a", value: 2, sampleRate: 0.5, labels: { env: "prod" } },
    ]);
  });

  it("refuses a tag set that cannot be one label set", () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}:v`).join(",");
    expect(parseStatsdLine(`a:1|c|#${tags(32)}`)).not.toBeTypeOf("string");
    expect(parseStatsdLine(`a:1|c|#${tags(33)}`)).toMatch(/at most 32 tags/);
    expect(parseStatsdLine(`a:1|c|#k:${"v".repeat(1024)}`)).not.toBeTypeOf("string");
    expect(parseStatsdLine(`a:1|c|#k:${"v".repeat(1025)}`)).toMatch(/longer than 1024/);
    expect(parseStatsdLine(`a:1|c|#${"k".repeat(129)}:v`)).toMatch(/label name/);
    expect(parseStatsdLine("a:1|c|#env:a,env:b")).toMatch(/label "env" two values/);
    expect(parseStatsdLine("a:1|c|#a.b:1,a_b:2")).toMatch(/label "a_b" two values/);
    expect(parseStatsdLine("a:1|c|#:v")).toMatch(/no name/);
    expect(parseStatsdLine("a:1|c|#x:1|#y:2")).toMatch(/more than one tag field/);
    const { samples, problems } = parseStatsdPacket("a:1|c|#env:a,env:b\nb:1|c|#env:a");
    expect(samples.map((s) => s.name)).toEqual(["b"]);
    expect(problems).toEqual([{ where: "line 1", message: expect.stringMatching(/two values/) }]);
  });

  it("reads |d distributions as timers and several DogStatsD values of one type", () => {
    expect(parseStatsdLine("lat:5|d|@0.5")).toEqual([{ kind: "timer", name: "lat", value: 5, sampleRate: 0.5 }]);
    expect(parseStatsdLine("lat:1:2.5:3|d|#env:prod")).toEqual(
      [1, 2.5, 3].map((value) => ({ kind: "timer", name: "lat", value, sampleRate: 1, labels: { env: "prod" } })),
    );
    expect(parseStatsdLine("users:a:b|s")).toEqual([{ kind: "set", name: "users", member: "a:b" }]);
    expect(parseStatsdLine("lat:1::3|d")).toMatch(/not a number/);
  });

  it("ignores DogStatsD timestamps and origin fields, anywhere after the type", () => {
    expect(parseStatsdLine("q:3|g|T1700000000|#env:prod|c:ci-abc|e:it-false,cn-x|card:low")).toEqual([
      { kind: "gauge", name: "q", value: 3, delta: false, labels: { env: "prod" } },
    ]);
    expect(parseStatsdLine("q:3|c|#env:prod|@0.5|T1700000000")).toEqual([{ kind: "counter", name: "q", value: 3, sampleRate: 0.5, labels: { env: "prod" } }]);
    expect(parseStatsdLine("q:3|g|Tsoon")).toMatch(/unknown field "Tsoon"/);
    expect(parseStatsdLine("q:3|g|x:1")).toMatch(/unknown field/);
  });

  it("refuses names too long for the longest stat name a flush writes", () => {
    expect(parseStatsdLine(`${"a".repeat(200)}:1|ms`)).not.toBeTypeOf("string");
    expect(parseStatsdLine(`${"a".repeat(201)}:1|ms`)).toMatch(/bad metric name/);
  });
});
