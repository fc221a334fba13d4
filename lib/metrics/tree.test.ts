import { describe, expect, it } from "vitest";
import { searchNames } from "./search";
import { nameTree } from "./tree";

const names = ["auth.api.latency.p50", "auth.api.latency.p95", "auth.api.errors.rate", "auth.mfa.challenges.rate", "billing.up", "solo"];

describe("nameTree", () => {
  it("counts the metrics beneath each prefix and leaves out the leaves", () => {
    const tree = nameTree(names);
    expect(tree.map((b) => [b.prefix, b.count])).toEqual([["auth", 4], ["billing", 1]]);
    const api = tree[0].children.find((b) => b.segment === "api")!;
    expect(api).toMatchObject({ prefix: "auth.api", count: 3 });
    expect(api.children.map((b) => [b.prefix, b.count])).toEqual([["auth.api.errors", 1], ["auth.api.latency", 2]]);
    expect(api.children[1].children).toEqual([]);
  });

  it("is empty for no metrics", () => {
    expect(nameTree([])).toEqual([]);
  });
});

describe("searchNames", () => {
  const metrics = names.map((name) => ({ name }));
  it("matches a glob per dotted segment", () => {
    expect(searchNames(metrics, "auth.api.latency.*").matches.map((m) => m.name)).toEqual(["auth.api.latency.p50", "auth.api.latency.p95"]);
    expect(searchNames(metrics, "auth.*.rate").matches).toEqual([]);
    expect(searchNames(metrics, "auth.*.*.rate").matches.map((m) => m.name)).toEqual(["auth.api.errors.rate", "auth.mfa.challenges.rate"]);
  });

  it("matches plain text anywhere, ignoring case, and keeps all for an empty query", () => {
    expect(searchNames(metrics, "MFA").matches.map((m) => m.name)).toEqual(["auth.mfa.challenges.rate"]);
    expect(searchNames(metrics, "  ").matches).toHaveLength(names.length);
  });

  it("matches nothing and says why for a bad or over-long query", () => {
    expect(searchNames(metrics, "auth.{a")).toEqual({ matches: [], problem: "invalid glob: unclosed { at position 6" });
    expect(searchNames(metrics, "*".repeat(2000)).problem).toMatch(/at most 500/);
  });
});
