import { describe, expect, it } from "vitest";
import { exponentialBuckets, explicitBuckets, formatBound, MAX_EXPONENTIAL_BUCKETS } from "./buckets";

describe("formatBound", () => {
  it("writes bounds as Prometheus does", () => {
    expect([0.005, 1, 2.5, 1000, Infinity, -Infinity].map(formatBound)).toEqual(["0.005", "1", "2.5", "1000", "+Inf", "-Inf"]);
  });
});

describe("explicitBuckets", () => {
  it("sums per-bucket counts up the buckets, ending in +Inf", () => {
    expect(explicitBuckets([0.1, 1], [2, 3, 4])).toEqual([
      { le: "0.1", count: 2 },
      { le: "1", count: 5 },
      { le: "+Inf", count: 9 },
    ]);
  });

  it("makes no buckets for a histogram sent without any", () => {
    expect(explicitBuckets([], [])).toEqual([]);
  });

  it("refuses counts that do not match the bounds, and bounds out of order", () => {
    expect(explicitBuckets([1, 2], [1, 2])).toMatch(/expected bounds \+ 1/);
    expect(explicitBuckets([2, 1], [1, 2, 3])).toMatch(/increasing/);
    expect(explicitBuckets([NaN], [1, 2])).toMatch(/finite/);
  });
});

describe("exponentialBuckets", () => {
  it("bounds bucket i at base^(i+1), zero and negative counts in the lowest bucket", () => {
    // scale 0: base 2; offset 1 → buckets (2,4] and (4,8].
    expect(exponentialBuckets(0, 2, { offset: 1, counts: [3, 4] }, 1)).toEqual([
      { le: "4", count: 6 },
      { le: "8", count: 10 },
      { le: "+Inf", count: 10 },
    ]);
    // scale 1: base √2; scale -1: base 4.
    expect(exponentialBuckets(1, 0, { offset: 0, counts: [1] }, 0)[0]).toEqual({ le: String(Math.SQRT2), count: 1 });
    expect(exponentialBuckets(-1, 0, { offset: 0, counts: [1] }, 0)[0]).toEqual({ le: "4", count: 1 });
  });

  it("keeps only +Inf when only zeros were recorded", () => {
    expect(exponentialBuckets(3, 5, { offset: 0, counts: [] }, 0)).toEqual([{ le: "+Inf", count: 5 }]);
  });

  it("merges adjacent buckets until at most 40 remain, keeping every count and bound edge", () => {
    // 100 buckets of 1 at scale 3, indexes -7…92: two halvings leave scale 1, indexes -2…23.
    const buckets = exponentialBuckets(3, 0, { offset: -7, counts: new Array(100).fill(1) }, 0);
    if (typeof buckets === "string") throw new Error(buckets);
    expect(buckets.length - 1).toBeLessThanOrEqual(MAX_EXPONENTIAL_BUCKETS);
    expect(buckets.at(-1)).toEqual({ le: "+Inf", count: 100 });
    expect(buckets).toHaveLength(26 + 1);
    // Index -2 at scale 1 (base √2) holds the old -7, -6, -5 and ends at √2^-1.
    expect(buckets[0]).toEqual({ le: String(2 ** -0.5), count: 3 });
    // Index 23 ends at √2^24 = 4096, above the old top bound 2^(93/8).
    expect(buckets.at(-2)).toEqual({ le: "4096", count: 100 });
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].count).toBeGreaterThanOrEqual(buckets[i - 1].count);
  });

  it("refuses a scale or offset outside what the spec allows", () => {
    expect(exponentialBuckets(21, 0, { offset: 0, counts: [1] }, 0)).toMatch(/scale/);
    expect(exponentialBuckets(0, 0, { offset: 2 ** 31 - 1, counts: [1] }, 0)).toMatch(/offset/);
  });
});
