import { describe, expect, it } from "vitest";
import { backtrackingRisk } from "./regex-risk";

describe("backtrackingRisk", () => {
  it("allows what dashboards write: Grafana's wrapper, one unbounded quantifier, bounded repeats, plain alternations", () => {
    for (const pattern of ["(^.*$)", String.raw`host-(\d+)`, String.raw`host-(?P<n>\d+)`, String.raw`^(\w+)\.(?:api|web)\.`, String.raw`\d{1,3}\.\d{1,3}`, "(foo|bar)-(.*)", "(ab)+c", String.raw`[+*(]x*`, String.raw`\p{L}+`]) {
      expect(backtrackingRisk(pattern), pattern).toBeNull();
    }
  });

  it("refuses nested quantifiers, quantified alternations, several unbounded quantifiers and backreferences", () => {
    const cases: [string, RegExp][] = [
      ["(a+)+$", /nested quantifiers/],
      ["((a+))+$", /nested quantifiers/],
      ["((a+)|b)+$", /inside an alternation/],
      ["(a|a)*$", /nested quantifiers/],
      ["((a|a))*$", /nested quantifiers/],
      [".*.*.*.*.*.*z", /at most one unbounded quantifier/],
      ["a+b{2,}", /at most one unbounded quantifier/],
      ["(x.*|y)", /inside an alternation/],
      [".*a|b", /inside an alternation/],
      ["a?".repeat(10), /bounded repeats/],
      [String.raw`(a)\1`, /backreferences/],
      [String.raw`(?<n>a)\k<n>`, /backreferences/],
      ["(?P<n>a)(?P=n)", /backreferences/],
    ];
    for (const [pattern, reason] of cases) expect(backtrackingRisk(pattern), pattern).toMatch(reason);
  });
});
