import { describe, expect, it } from "vitest";
import { parseTarget, TARGET_LIMITS } from "./target-parser";

describe("parseTarget", () => {
  it("reads paths with globs and {a,b} alternatives, nested calls, numbers, strings and keyword arguments", () => {
    expect(parseTarget("auth.*.latency.{p50,p95}")).toEqual({ type: "path", path: "auth.*.latency.{p50,p95}" });
    const tree = parseTarget(`aliasByNode(summarize(sumSeries(auth.*.requests, web.requests), "1h", 'avg', alignToFrom=true), 1, -1)`);
    expect(tree).toMatchObject({
      type: "call",
      name: "aliasByNode",
      args: [
        {
          type: "call",
          name: "summarize",
          args: [{ type: "call", name: "sumSeries", args: [{ type: "path", path: "auth.*.requests" }, { type: "path", path: "web.requests" }] }, { type: "string", value: "1h" }, { type: "string", value: "avg" }],
          kwargs: { alignToFrom: { type: "boolean", value: true } },
        },
        { type: "number", value: 1 },
        { type: "number", value: -1 },
      ],
    });
    expect(parseTarget("scale(a.b, 0.5)")).toMatchObject({ args: [{ path: "a.b" }, { type: "number", value: 0.5 }] });
  });

  it("refuses malformed targets with where it stopped", () => {
    expect(() => parseTarget("sumSeries(a.b")).toThrow(/missing "\)" to close sumSeries\(/);
    expect(() => parseTarget("scale(a.b,,2)")).toThrow(/unexpected ","/);
    expect(() => parseTarget("alias(a.b, \"x)")).toThrow(/unterminated string/);
    expect(() => parseTarget("a.{b,c")).toThrow(/unclosed "\{"/);
    expect(() => parseTarget("a.b)")).toThrow(/after the end/);
    expect(() => parseTarget("")).toThrow(/unexpected end/);
    expect(() => parseTarget("a-b(c)")).toThrow(/not a function name/);
  });

  it("bounds length, depth, arguments and terms", () => {
    expect(() => parseTarget("a".repeat(TARGET_LIMITS.maxLength + 1))).toThrow(/longer than/);
    expect(() => parseTarget("f(".repeat(40) + "x" + ")".repeat(40))).toThrow(/nested deeper than 16/);
    expect(() => parseTarget(`sumSeries(${Array.from({ length: 40 }, (_, i) => `m${i}`).join(",")})`)).toThrow(/more than 32 arguments/);
    const start = performance.now();
    expect(() => parseTarget("f(" + "a,".repeat(1990) + "a)")).toThrow();
    expect(performance.now() - start).toBeLessThan(50);
  });
});
