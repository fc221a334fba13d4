import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

const flush = (value?: string) => readEnv({ NODE_ENV: "test", DEPLOYLINES_STATSD_FLUSH: value }).DEPLOYLINES_STATSD_FLUSH;

describe("readEnv", () => {
  it("reads the StatsD flush interval as milliseconds, 10 s by default", () => {
    expect(flush()).toBe(10_000);
    expect(flush("2s")).toBe(2_000);
    expect(() => flush("soon")).toThrow(/DEPLOYLINES_STATSD_FLUSH: expected a flush interval/);
  });
});
