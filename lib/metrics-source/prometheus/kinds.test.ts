import { describe, expect, it } from "vitest";
import { familiesOf, seriesKind } from "./kinds";

describe("a Prometheus series' kind", () => {
  it("follows the family's metadata when the backend has it", () => {
    expect(seriesKind("http_requests_total", false, { type: "counter" })).toBe("cumulative");
    expect(seriesKind("latency_seconds_bucket", true, { type: "histogram" })).toBe("histogram");
    expect(seriesKind("latency_seconds_count", false, { type: "histogram" })).toBe("cumulative");
    expect(seriesKind("rpc_duration_sum", false, { type: "summary" })).toBe("cumulative");
    expect(seriesKind("queue_total", false, { type: "gauge" })).toBe("gauge");
  });

  it("falls back on the naming conventions without metadata (VictoriaMetrics, remote-written data)", () => {
    expect(seriesKind("http_requests_total", false, undefined)).toBe("cumulative");
    expect(seriesKind("latency_seconds_bucket", true, undefined)).toBe("histogram");
    expect(seriesKind("latency_seconds_bucket", false, undefined)).toBe("gauge");
    expect(seriesKind("memory_bytes", false, undefined)).toBe("gauge");
  });

  it("looks a family up under the name and without its suffix", () => {
    expect(familiesOf("http_requests_total")).toEqual(["http_requests_total", "http_requests"]);
    expect(familiesOf("latency_seconds_bucket")).toEqual(["latency_seconds_bucket", "latency_seconds"]);
    expect(familiesOf("up")).toEqual(["up"]);
  });
});
