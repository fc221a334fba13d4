import { describe, expect, it } from "vitest";
import { displayUnit, formatTimeUtc, formatValue } from "./format";

describe("displayUnit", () => {
  it("shows OpenTelemetry's UCUM units without their notation, and any other unit as stored", () => {
    expect(displayUnit("{request}/s")).toBe("request/s");
    expect(displayUnit("{request}")).toBe("request");
    expect(displayUnit("1")).toBe("");
    expect(displayUnit("1/s")).toBe("/s");
    expect(displayUnit("By")).toBe("B");
    expect(displayUnit("By/s")).toBe("B/s");
    expect(displayUnit("ms")).toBe("ms");
    expect(displayUnit("req/s")).toBe("req/s");
    expect(displayUnit("10")).toBe("10");
    expect(displayUnit(null)).toBe("");
  });

  it("is the unit formatValue writes after the number", () => {
    expect(formatValue(10.94, "{request}/s")).toBe("10.9 request/s");
    expect(formatValue(0.5, "1")).toBe("0.5");
    expect(formatValue(2048, "By")).toBe("2,048 B");
  });
});

describe("formatTimeUtc", () => {
  it("writes the time in UTC whatever the process' zone, as the server's HTML gives it", () => {
    const ts = Date.UTC(2026, 10, 26, 23, 5, 9);
    expect(formatTimeUtc(ts)).toBe("26 Nov, 23:05 UTC");
    expect(formatTimeUtc(ts, true)).toBe("26 Nov, 23:05:09 UTC");
  });
});
