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

describe("DEPLOYLINES_RETENTION", () => {
  const retention = (value?: string) => readEnv({ NODE_ENV: "test", DEPLOYLINES_RETENTION: value }).DEPLOYLINES_RETENTION;

  it("is null when unset and reads raw:14d,1m:90d,1h:3y as milliseconds", () => {
    expect(retention()).toBeNull();
    expect(retention("raw:2d, 1m:30d,1h:1y")).toEqual({ raw: 2 * 86_400_000, "1m": 30 * 86_400_000, "1h": 365 * 86_400_000 });
  });

  it("keeps the default for resolutions it does not name", () => {
    expect(retention("raw:7d")).toMatchObject({ raw: 7 * 86_400_000, "1m": 90 * 86_400_000 });
  });

  it("names the bad part and the order rule", () => {
    expect(() => retention("raw:soon")).toThrow(/DEPLOYLINES_RETENTION: .*"soon"/);
    expect(() => retention("5m:1d")).toThrow(/"5m:1d": expected <raw\|1m\|1h>:<duration>/);
    expect(() => retention("raw:100d")).toThrow(/raw must not be kept longer than 1m/);
  });
});

describe("DEPLOYLINES_INGEST_MAX_INFLIGHT", () => {
  it("defaults to 8 and refuses 0", () => {
    expect(readEnv({ NODE_ENV: "test" }).DEPLOYLINES_INGEST_MAX_INFLIGHT).toBe(8);
    expect(() => readEnv({ NODE_ENV: "test", DEPLOYLINES_INGEST_MAX_INFLIGHT: "0" })).toThrow(/DEPLOYLINES_INGEST_MAX_INFLIGHT/);
  });
});
