import { describe, expect, it } from "vitest";
import { freshness, STALE_AFTER_MS } from "./freshness";

const NOW = 1_700_000_000_000;

describe("freshness", () => {
  it("is fresh after a recent success", () => {
    expect(freshness(NOW - 10_000, null, NOW)).toEqual({ state: "fresh" });
    expect(freshness(NOW - 10_000, NOW - 60_000, NOW)).toEqual({ state: "fresh" });
    expect(freshness(null, null, NOW)).toEqual({ state: "fresh" });
  });

  it("is stale when the last success is older than two minutes", () => {
    expect(freshness(NOW - STALE_AFTER_MS - 1, null, NOW)).toEqual({ state: "stale", since: NOW - STALE_AFTER_MS - 1 });
  });

  it("is unreachable when the latest attempt failed, keeping when data was last good", () => {
    expect(freshness(NOW - 30_000, NOW - 5_000, NOW)).toEqual({ state: "unreachable", since: NOW - 30_000 });
    expect(freshness(null, NOW - 5_000, NOW)).toEqual({ state: "unreachable", since: null });
  });
});
