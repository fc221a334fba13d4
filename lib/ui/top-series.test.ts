import { describe, expect, it } from "vitest";
import { labelText, sharedLabels, topSeries } from "./top-series";

const flat = (route: string, value: number) => ({ labels: { route, service: "auth" }, points: [[1, value], [2, value]] as [number, number][] });

describe("topSeries", () => {
  it("keeps the busiest label sets and sums the rest into other", () => {
    const series = [flat("/a", 1), flat("/b", 10), flat("/c", 5), flat("/d", 2)];
    const { top, other } = topSeries(series, 2);
    expect(top.map((s) => s.labels.route)).toEqual(["/b", "/c"]);
    expect(other).toEqual({ count: 2, points: [[1, 3], [2, 3]] });
  });

  it("has no other when everything fits", () => {
    expect(topSeries([flat("/a", 1)], 6).other).toBeNull();
  });

  it("names label sets without what every line shares", () => {
    const series = [flat("/a", 1), flat("/b", 2)];
    expect(sharedLabels(series)).toEqual(["service"]);
    expect(labelText(series[0].labels, sharedLabels(series))).toBe("route=/a");
    expect(labelText({})).toBe("(no labels)");
  });
});
