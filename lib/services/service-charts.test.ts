import { describe, expect, it } from "vitest";
import type { MetricRow } from "@/lib/store/types";
import { filteredChart, serviceCharts } from "./service-charts";

const row = (name: string, labels = "", unit: string | null = null) => ({ name, labels, unit }) as MetricRow;

describe("serviceCharts", () => {
  const rows = [row("auth.api.latency", "", "ms"), row("auth.hits", 'route="/a"'), row("auth.hits", 'route="/b"'), row("http_requests_total", 'route="/a",service="auth"')];

  it("draws one chart per name, narrowing series found by the service label to it", () => {
    expect(serviceCharts("auth", rows)).toEqual([
      { name: "auth.api.latency", unit: "ms", series: 1, selector: "auth.api.latency" },
      { name: "auth.hits", unit: null, series: 2, selector: "auth.hits" },
      { name: "http_requests_total", unit: null, series: 1, selector: 'http_requests_total{service="auth"}' },
    ]);
  });

  it("draws a classic histogram once, from its buckets", () => {
    const histogram = [row("lat_bucket", 'le="1"'), row("lat_count"), row("lat_sum"), row("other_count")];
    expect(serviceCharts("svc", histogram).map((c) => c.name)).toEqual(["lat_bucket", "other_count"]);
  });

  it("adds the page's label filter to every chart, with or without braces", () => {
    expect(serviceCharts("auth", rows, '{route="/a"}').map((c) => c.selector)).toEqual([
      'auth.api.latency{route="/a"}',
      'auth.hits{route="/a"}',
      'http_requests_total{service="auth",route="/a"}',
    ]);
  });

  it("adds a filter to a chart the browser already has, leaving it alone for an empty one", () => {
    const [, , labelled] = serviceCharts("auth", rows);
    expect(filteredChart(labelled, 'route=~"/a|/b"').selector).toBe('http_requests_total{service="auth",route=~"/a|/b"}');
    expect(filteredChart(labelled, "  ")).toBe(labelled);
  });
});
