import { describe, expect, it } from "vitest";
import { linesToBatch } from "./to-batch";

describe("linesToBatch", () => {
  it("makes one series per metric and label set, whatever the tags' order", () => {
    const batch = linesToBatch([
      { metric: "hits", labels: { route: "/a", code: "200" }, value: 1, ts: 1_000 },
      { metric: "hits", labels: { route: "/b", code: "200" }, value: 2, ts: 1_000 },
      { metric: "hits", value: 3, ts: 1_000 },
      { metric: "hits", labels: { code: "200", route: "/a" }, value: 4, ts: 2_000 },
      { metric: "errors", labels: { route: "/a", code: "200" }, value: 5, ts: 1_000 },
    ]);
    expect(batch.series).toEqual([
      { metric: "hits", labels: { route: "/a", code: "200" }, points: [[1_000, 1], [2_000, 4]] },
      { metric: "hits", labels: { route: "/b", code: "200" }, points: [[1_000, 2]] },
      { metric: "hits", points: [[1_000, 3]] },
      { metric: "errors", labels: { route: "/a", code: "200" }, points: [[1_000, 5]] },
    ]);
    expect(batch.series.filter((s) => !s.labels).every((s) => !("labels" in s))).toBe(true);
  });
});
