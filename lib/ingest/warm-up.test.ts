import { describe, expect, it } from "vitest";
import { answeredBatch, parsePacked } from "./packed-batch";
import { countPoints } from "./stats";
import { warmUpBody } from "./warm-up";

describe("warmUpBody", () => {
  it("is a valid JSON batch of a collector's shape, each round following the last", () => {
    const [first, second] = [0, 1].map((round) => answeredBatch(parsePacked({ contentType: "application/json", body: warmUpBody(round) })));
    expect(first.series).toHaveLength(20);
    expect(countPoints(first)).toBe(50_000);
    // Packed as ts, value pairs: the second round starts 10 s after the first round's last point.
    const lastOfFirst = first.points[2 * (2_500 - 1)];
    expect(second.points[0]).toBe(lastOfFirst + 10_000);
  });
});
