import { histogramRepeats } from "@/lib/series/histogram-repeats";
import { parseLabelKey } from "@/lib/series/labels";
import type { MetricsSource } from "@/lib/metrics-source/types";
import type { MetricRow } from "@/lib/store/types";

/** One chart of a service's page: a metric name and the selector its chart reads. */
export interface ServiceChart {
  name: string;
  unit: string | null;
  /** `name`, or `name{service="…",<filter>}`: narrowed to the service's label and the page's label filter. */
  selector: string;
  /** How many series (label sets) the name has for this service. */
  series: number;
}

/**
 * A service's charts, one per metric name (a labelled name draws a line per label set): series
 * found by the service label are narrowed to it, so `http_requests_total` of `auth` never shows
 * checkout's; `filter` (the page's `labels=route="/login"`) narrows every chart further.
 * `serviceLabels` are the labels that may name the service, first found first (a remote source's
 * configured label, then `job`).
 */
export function serviceCharts(service: string, rows: readonly MetricRow[], filter = "", serviceLabels: readonly string[] = ["service"]): ServiceChart[] {
  const byName = new Map<string, { unit: string | null; series: number; label: string | null }>();
  for (const row of rows) {
    const chart = byName.get(row.name) ?? { unit: row.unit, series: 0, label: null };
    chart.series++;
    if (chart.label === null && !row.name.startsWith(`${service}.`)) {
      const labels = parseLabelKey(row.labels);
      chart.label = serviceLabels.find((l) => labels[l] === service) ?? serviceLabels[0];
    }
    byName.set(row.name, chart);
  }
  const repeats = histogramRepeats(byName.keys());
  const shown = [...byName].filter(([name]) => !repeats(name));
  return shown.map(([name, chart]) =>
    filteredChart({ name, unit: chart.unit, series: chart.series, selector: chart.label ? `${name}{${chart.label}=${JSON.stringify(service)}}` : name }, filter),
  );
}

/** The labels that may name a service in `source`: a remote source's configured ones (then `job`), else serviceCharts' default. */
export function serviceLabelsOf(source: Pick<MetricsSource, "backend">): readonly string[] | undefined {
  return source.backend.kind === "prometheus" ? source.backend.serviceLabels : undefined;
}

/**
 * The chart with the page's label filter (`route="/login"`, braces optional) added to its
 * selector. The browser applies it too: the filter changes in the URL without a server round trip.
 */
export function filteredChart(chart: ServiceChart, filter: string): ServiceChart {
  const trimmed = filter.trim().replace(/^\{|\}$/g, "");
  if (!trimmed) return chart;
  const selector = chart.selector.endsWith("}") ? `${chart.selector.slice(0, -1)},${trimmed}}` : `${chart.selector}{${trimmed}}`;
  return { ...chart, selector };
}
