import { describe, expect, it } from "vitest";
import { bandPaths, linePath, yAxisFrame } from "./plot-paths";

// A plot 100 px wide over ts 0..1000 and 50 px tall over values 0..10 (SVG's y grows downwards).
const x = (ts: number) => ts / 10;
const y = (v: number) => 50 - v * 5;

describe("linePath", () => {
  it("moves to the first point and draws to each next one", () => {
    expect(linePath([[0, 0], [500, 10], [1000, 5]], x, y)).toBe("M0,50L50,0L100,25");
  });

  it("steps over points without a finite value, joining their neighbours", () => {
    expect(linePath([[0, 0], [500, NaN], [1000, 5]], x, y)).toBe("M0,50L100,25");
  });

  it("is empty without points", () => {
    expect(linePath([], x, y)).toBe("");
  });

  it("keeps two decimals of a pixel", () => {
    expect(linePath([[1, 1 / 3]], x, y)).toBe("M0.1,48.33");
  });
});

describe("bandPaths", () => {
  it("draws the upper and lower edges left to right and closes the area between them", () => {
    const band = bandPaths([{ ts: 0, min: 1, max: 3 }, { ts: 1000, min: 2, max: 4 }], x, y);
    expect(band.upper).toBe("M0,35L100,30");
    expect(band.lower).toBe("M0,45L100,40");
    expect(band.area).toBe("M0,35L100,30L100,40L0,45Z");
  });

  it("leaves out buckets without finite bounds, and draws nothing without buckets", () => {
    expect(bandPaths([{ ts: 0, min: NaN, max: 1 }, { ts: 1000, min: 2, max: 4 }], x, y).upper).toBe("M100,30");
    expect(bandPaths([], x, y)).toEqual({ upper: "", lower: "", area: "" });
  });
});

describe("yAxisFrame", () => {
  const line = (values: number[]) => ({ points: values.map((v, i) => [i, v] as [number, number]), bucketRows: null });
  const ticks = (lo: number, hi: number) => yAxisFrame([line([lo, hi])], ["auto", "auto"])!.ticks;

  it("widens the data's range to round ticks: steps of 1, 2, 2.5 or 5 × 10ⁿ", () => {
    expect(yAxisFrame([line([3, 97])], ["auto", "auto"])).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    // The standup TV's latency, which recharts' own ticks labelled 54 / 63 / 72 / 81 / 90.
    expect(ticks(58, 89)).toEqual([50, 60, 70, 80, 90]);
    expect(ticks(0.28, 0.44)).toEqual([0.25, 0.3, 0.35, 0.4, 0.45]);
    expect(ticks(1200, 1350)).toEqual([1200, 1250, 1300, 1350]);
  });

  it("takes one tick fewer or more where five would leave half the axis empty", () => {
    // The bench's sine between ~10 and ~106: five round ticks would run 0…200.
    expect(yAxisFrame([line([10.2, 106.4])], ["auto", "auto"])).toEqual({ domain: [0, 125], ticks: [0, 25, 50, 75, 100, 125] });
  });

  it("spans every series, a band by its min and max", () => {
    const band = { points: [], bucketRows: [{ ts: 0, min: -40, max: 5 }] };
    expect(yAxisFrame([line([10, 20]), band], ["auto", "auto"])).toEqual({ domain: [-40, 20], ticks: [-40, -20, 0, 20] });
  });

  it("keeps a fixed bound (a percentage's 100) where recharts would widen it, and follows the data for the other", () => {
    expect(yAxisFrame([line([42, 99.5])], ["auto", 100])).toEqual({ domain: [40, 100], ticks: [40, 60, 80, 100] });
    expect(yAxisFrame([line([42, 99.5])], [0, "auto"])).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
  });

  it("gives a flat series ticks around its value", () => {
    const frame = yAxisFrame([line([7, 7, 7])], ["auto", "auto"])!;
    expect(frame.ticks).toContain(7);
    expect(frame.domain[0]).toBeLessThan(7);
    expect(frame.domain[1]).toBeGreaterThan(7);
  });

  it("is null when no value is finite", () => {
    expect(yAxisFrame([line([]), line([NaN])], ["auto", "auto"])).toBeNull();
  });
});
