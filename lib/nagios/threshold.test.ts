import { describe, expect, it } from "vitest";
import { thresholdSchema } from "./query-schema";
import { alerts, parseThreshold } from "./threshold";

// The "Example ranges" table of the Nagios plugin development guidelines, probed at and around each edge.
const GUIDELINE_EXAMPLES: { range: string; alertsFor: number[]; okFor: number[] }[] = [
  { range: "10", alertsFor: [-0.001, -5, 10.001, 11], okFor: [0, 5, 10] },
  { range: "10:", alertsFor: [9.999, 0, -100], okFor: [10, 11, 1e12] },
  { range: "~:10", alertsFor: [10.001, 11], okFor: [10, 0, -1e12] },
  { range: "10:20", alertsFor: [9.999, 20.001, 0, 30], okFor: [10, 15, 20] },
  { range: "@10:20", alertsFor: [10, 15, 20], okFor: [9.999, 20.001, 0, 30] },
];

describe("parseThreshold and alerts", () => {
  for (const { range, alertsFor, okFor } of GUIDELINE_EXAMPLES) {
    it(`"${range}" alerts as the guidelines' table says`, () => {
      const parsed = parseThreshold(range);
      for (const value of alertsFor) expect(alerts(parsed, value), `${range} at ${value}`).toBe(true);
      for (const value of okFor) expect(alerts(parsed, value), `${range} at ${value}`).toBe(false);
    });
  }

  it("parses the bounds of each form", () => {
    expect(parseThreshold("10")).toEqual({ start: 0, end: 10, inside: false, text: "10" });
    expect(parseThreshold("10:")).toEqual({ start: 10, end: Infinity, inside: false, text: "10:" });
    expect(parseThreshold("~:10")).toEqual({ start: -Infinity, end: 10, inside: false, text: "~:10" });
    expect(parseThreshold("@-1.5:2e3")).toEqual({ start: -1.5, end: 2000, inside: true, text: "@-1.5:2e3" });
    expect(parseThreshold("~:")).toMatchObject({ start: -Infinity, end: Infinity });
  });

  it("rejects bad syntax with a clear message", () => {
    expect(() => parseThreshold("")).toThrow(/empty/);
    expect(() => parseThreshold("abc")).toThrow(/"abc" is not a number/);
    expect(() => parseThreshold("10:x")).toThrow(/"x" is not a number/);
    expect(() => parseThreshold("20:10")).toThrow(/start 20 is greater than end 10/);
    expect(() => parseThreshold("-5")).toThrow(/start 0 is greater than end -5/);
    expect(() => parseThreshold("1:2:3")).toThrow(/not a number/);
    expect(() => parseThreshold(":")).toThrow(/neither start nor end/);
    expect(() => parseThreshold("@:")).toThrow(/neither start nor end/);
  });

  it("reports a bad threshold as a zod issue", () => {
    const result = thresholdSchema.safeParse("10:5");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/greater than end/);
  });
});
