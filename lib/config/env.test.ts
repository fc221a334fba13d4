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

describe("listener settings", () => {
  const env = (extra: Record<string, string>) => readEnv({ NODE_ENV: "test", ...extra });

  it("defaults to carbon's pickle port, bounded StatsD names and statsd's percentiles", () => {
    expect(env({})).toMatchObject({
      DEPLOYLINES_PICKLE_PORT: 2004,
      DEPLOYLINES_STATSD_MAX_NAMES: 10_000,
      DEPLOYLINES_STATSD_PERCENTILES: [90, 95, 99],
      DEPLOYLINES_STATSD_LEGACY_NAMESPACE: false,
      DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT: 300_000,
      DEPLOYLINES_GRAPHITE_MAX_CONNECTIONS: 1_000,
    });
    expect(env({ DEPLOYLINES_PICKLE_PORT: "off" }).DEPLOYLINES_PICKLE_PORT).toBeNull();
  });

  it("reads percentiles, an idle timeout that can be off, and refuses nonsense", () => {
    expect(env({ DEPLOYLINES_STATSD_PERCENTILES: "50, 99.9" }).DEPLOYLINES_STATSD_PERCENTILES).toEqual([50, 99.9]);
    expect(env({ DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT: "off" }).DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT).toBe(0);
    expect(() => env({ DEPLOYLINES_STATSD_PERCENTILES: "0,90" })).toThrow(/DEPLOYLINES_STATSD_PERCENTILES/);
    expect(() => env({ DEPLOYLINES_STATSD_PERCENTILES: "-5" })).toThrow(/DEPLOYLINES_STATSD_PERCENTILES/);
    expect(() => env({ DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT: "soon" })).toThrow(/DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT/);
    expect(() => env({ DEPLOYLINES_STATSD_MAX_NAMES: "0" })).toThrow(/DEPLOYLINES_STATSD_MAX_NAMES/);
  });
});
