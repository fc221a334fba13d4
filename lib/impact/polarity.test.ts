import { describe, expect, it } from "vitest";
import { metricPolarity } from "./polarity";

describe("metricPolarity", () => {
  it.each([
    ["auth.api.latency.p95", "higher_is_worse"],
    ["auth.api.errors.rate", "higher_is_worse"],
    ["auth.login.failures", "higher_is_worse"],
    ["auth.host.cpu", "higher_is_worse"],
    ["auth.http.5xx", "higher_is_worse"],
    ["auth.api.responseTime", "higher_is_worse"],
    ["auth.login.success.latency", "higher_is_worse"],
    ["auth.cache.miss_rate", "higher_is_worse"],
    ["auth.api.requests.rate", "lower_is_worse"],
    ["auth.login.success", "lower_is_worse"],
    ["auth.cache.hits", "lower_is_worse"],
    ["auth.api.throughput", "lower_is_worse"],
    ["auth.users.active", "unknown"],
    ["auth.tokens.issued", "unknown"],
  ])("%s is %s", (name, polarity) => {
    expect(metricPolarity(name)).toBe(polarity);
  });
});
