import { describe, expect, it } from "vitest";
import { matchesLabels, parseSelector, SelectorError } from "./selector";

describe("series selectors", () => {
  it("take a bare name or glob", () => {
    expect(parseSelector("auth.*.latency.p95")).toEqual({ name: "auth.*.latency.p95", matchers: [] });
  });

  it("read PromQL matchers with every operator", () => {
    const s = parseSelector(`http_server_duration{route="/login", status=~"5..",method!="GET",host!~'db-.*'}`);
    expect(s.name).toBe("http_server_duration");
    expect(s.matchers.map((m) => [m.label, m.op, m.value])).toEqual([
      ["route", "=", "/login"],
      ["status", "=~", "5.."],
      ["method", "!=", "GET"],
      ["host", "!~", "db-.*"],
    ]);
    expect(matchesLabels(s, { route: "/login", status: "503", method: "POST", host: "web-1" })).toBe(true);
    expect(matchesLabels(s, { route: "/login", status: "403", method: "POST", host: "web-1" })).toBe(false);
    expect(matchesLabels(s, { route: "/login", status: "500", method: "POST", host: "db-1" })).toBe(false);
  });

  it("anchor regexes and treat a missing label as empty, as Prometheus does", () => {
    expect(matchesLabels(parseSelector('x{status=~"5"}'), { status: "503" })).toBe(false);
    expect(matchesLabels(parseSelector('x{route=""}'), {})).toBe(true);
    expect(matchesLabels(parseSelector('x{route!=""}'), {})).toBe(false);
  });

  it("tell Graphite's {a,b} alternatives from label matchers", () => {
    expect(parseSelector("gtest.web.{a,b}.requests")).toEqual({ name: "gtest.web.{a,b}.requests", matchers: [] });
    const s = parseSelector('web.{a,b}.requests{route="/x"}');
    expect(s.name).toBe("web.{a,b}.requests");
    expect(s.matchers.map((m) => m.label)).toEqual(["route"]);
    expect(parseSelector("x{}")).toEqual({ name: "x", matchers: [] });
  });

  it("unescape quoted values", () => {
    expect(parseSelector('x{path="a\\"b\\\\c"}').matchers[0].value).toBe('a"b\\c');
  });

  it.each([
    ["x{a=", /must end with }/],
    ["{a=\"b\"}", /needs a metric name/],
    ["x{a=b}", /quoted value/],
    ['x{a="b}', /unterminated|must end/],
    ['x{a=~"(("}', /bad regex/],
    ['x{a="b"} y}', /unexpected text|expected , or }/],
    [`x{${Array.from({ length: 17 }, (_, i) => `l${i}="v"`).join(",")}}`, /at most 16/],
    [`x{a=~"${"a".repeat(300)}"}`, /longer than 256/],
  ])("refuse %s with a message", (text, message) => {
    expect(() => parseSelector(text)).toThrow(SelectorError);
    expect(() => parseSelector(text)).toThrow(message);
  });

  it("match a pathological regex in linear time (RE2, no backtracking)", () => {
    const s = parseSelector('x{a=~"(a+)+b"}');
    const started = performance.now();
    expect(matchesLabels(s, { a: "a".repeat(1000) })).toBe(false);
    // Not a timing assertion on speed targets: a backtracking engine would take longer than the test timeout here.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
