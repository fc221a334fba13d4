import { describe, expect, it } from "vitest";
import { compileGlob, GlobError, isGlob, literalPrefix, MAX_GLOB_LENGTH } from "./glob";

const matches = (glob: string, name: string) => compileGlob(glob).test(name);

describe("compileGlob", () => {
  it("matches one dotted segment per wildcard", () => {
    expect(matches("auth.*.latency.*", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.*.latency.*", "auth.api.v2.latency.p95")).toBe(false);
    expect(matches("auth.*", "auth.api")).toBe(true);
    expect(matches("auth.*", "auth.api.latency")).toBe(false);
    expect(matches("*.api.*", "billing.api.errors")).toBe(true);
    expect(matches("auth.*", "auth.")).toBe(true);
  });

  it("supports partial segments, ?, classes and alternatives", () => {
    expect(matches("auth.api.latency.p9*", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.api.latency.p9?", "auth.api.latency.p99")).toBe(true);
    expect(matches("auth.api.latency.p[59]5", "auth.api.latency.p95")).toBe(true);
    expect(matches("auth.api.latency.p[59]5", "auth.api.latency.p75")).toBe(false);
    expect(matches("auth.api.latency.p[0-9]5", "auth.api.latency.p75")).toBe(true);
    expect(matches("auth.api.latency.p[!9]5", "auth.api.latency.p95")).toBe(false);
    expect(matches("auth.api.{errors,requests}.rate", "auth.api.errors.rate")).toBe(true);
    expect(matches("auth.api.{errors,requests}.rate", "auth.api.latency.rate")).toBe(false);
    expect(matches("auth.{api.v2,web}.rate", "auth.api.v2.rate")).toBe(true);
    expect(matches("auth.x{,y}", "auth.x")).toBe(true);
  });

  it("treats regex metacharacters in names literally", () => {
    expect(matches("a+b.c", "a+b.c")).toBe(true);
    expect(matches("a+b.c", "aab.c")).toBe(false);
    expect(matches("a.b", "axb")).toBe(false);
    expect(matches("a?b", "a.b")).toBe(false);
  });

  it("matches pathological patterns without backtracking", () => {
    const stars = `auth.mfa.${"*".repeat(2000).slice(0, MAX_GLOB_LENGTH - 10)}x`;
    const alternating = `auth.${"*a".repeat(40)}x`;
    const name = `auth.${"a".repeat(250)}`;
    // A backtracking regex takes minutes on these; the automaton answers in one pass per name.
    for (let i = 0; i < 200; i++) {
      expect(compileGlob(stars).test(`auth.mfa.${"y".repeat(240)}`)).toBe(false);
      expect(compileGlob(alternating).test(name)).toBe(false);
    }
    expect(compileGlob(alternating).test(`auth.${"a".repeat(80)}x`)).toBe(true);
  });

  it("rejects bad globs, naming the problem", () => {
    expect(() => compileGlob("auth.{a")).toThrow(/unclosed \{ at position 6/);
    expect(() => compileGlob("auth.[z-a]")).toThrow(/range z-a .* reversed/);
    expect(() => compileGlob("auth.[ab")).toThrow(/unclosed \[/);
    expect(() => compileGlob("auth.[]")).toThrow(/empty \[\]/);
    expect(() => compileGlob("auth.{a,{b}}")).toThrow(/nested \{/);
    expect(() => compileGlob("auth.a}")).toThrow(/unmatched \}/);
    expect(() => compileGlob("a".repeat(MAX_GLOB_LENGTH + 1))).toThrow(/at most 500/);
    expect(() => compileGlob(`{${Array.from({ length: 101 }, (_, i) => `a${i}`).join(",")}}`)).toThrow(/more than 100/);
    expect(() => compileGlob("auth.{a")).toThrow(GlobError);
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
