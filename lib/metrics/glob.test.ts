import { describe, expect, it } from "vitest";
import { globToRegExp, isGlob, literalPrefix } from "./glob";

const matches = (glob: string, name: string) => globToRegExp(glob).test(name);

describe("globToRegExp", () => {
  it("matches one dotted segment per wildcard", () => {
    expect(matches("auth.*.latency.*", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.*.latency.*", "auth.api.v2.latency.p95")).toBe(false);
    expect(matches("auth.*", "auth.api")).toBe(true);
    expect(matches("auth.*", "auth.api.latency")).toBe(false);
    expect(matches("*.api.*", "billing.api.errors")).toBe(true);
  });

  it("supports partial segments, ?, classes and alternatives", () => {
    expect(matches("auth.api.latency.p9*", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.api.latency.p9?", "auth.api.latency.p99")).toBe(true);
    expect(matches("auth.api.latency.p[59]5", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.api.latency.p[59]5", "auth.api.latency.p75")).toBe(false);
    expect(matches("auth.api.{errors,requests}.rate", "auth.api.errors.rate")).toBe(true);
    expect(matches("auth.api.{errors,requests}.rate", "auth.api.latency.rate")).toBe(false);
  });

  it("treats regex metacharacters in names literally", () => {
    expect(matches("a+b.c", "a+b.c")).toBe(true);
    expect(matches("a+b.c", "aab.c")).toBe(false);
    expect(matches("a.b", "axb")).toBe(false);
  });
});

describe("glob helpers", () => {
  it("tells globs from names and finds the literal prefix", () => {
    expect(isGlob("auth.api.latency.p95")).toBe(false);
    expect(isGlob("auth.*")).toBe(true);
    expect(isGlob("auth.{a,b}")).toBe(true);
    expect(literalPrefix("auth.api.*.p95")).toBe("auth.api.");
    expect(literalPrefix("*.x")).toBe("");
  });
});
