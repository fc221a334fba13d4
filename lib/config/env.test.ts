import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("reads the StatsD flush interval as milliseconds, 10 s by default", () => {
    expect(readEnv({}).DEPLOYLINES_STATSD_FLUSH).toBe(10_000);
    expect(readEnv({ DEPLOYLINES_STATSD_FLUSH: "2s" }).DEPLOYLINES_STATSD_FLUSH).toBe(2_000);
    expect(() => readEnv({ DEPLOYLINES_STATSD_FLUSH: "soon" })).toThrow(/DEPLOYLINES_STATSD_FLUSH: expected a flush interval/);
  });
});
