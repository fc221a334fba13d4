import "server-only";
import { compileSelector } from "@/lib/series/read-series";
import { labelKey, parseLabelKey } from "@/lib/series/labels";
import { summarizePoints } from "@/lib/series/window-summary";
import type { MetricRow } from "@/lib/store/types";
import type { MetricsSource } from "../types";
import { PromClient, type PromClientOptions } from "./client";
import { Catalogue, promSelector, promString } from "./catalogue";
import { rawSamples, remotePointsReader } from "./points";
import { pointsOf } from "./read";
import { remoteReadSeries } from "./read";

/** Series listed at most when a caller pages through everything (the overview, the metrics browser). */
const MAX_LISTED_SERIES = 10_000;

export interface PrometheusSourceOptions extends PromClientOptions {
  /** The label naming a series' service; `job` is the fallback when no series carries it. */
  serviceLabel: string;
}

/**
 * The metrics source of a Prometheus-compatible query API (Prometheus, VictoriaMetrics, Thanos,
 * Mimir): names, series and kinds from its catalogue endpoints, reads computed by its PromQL.
 */
export function prometheusSource(options: PrometheusSourceOptions): MetricsSource {
  const client = new PromClient(options);
  const catalogue = new Catalogue(client);
  const serviceLabels = [...new Set([options.serviceLabel, "job"])];

  const seriesNamed = async (names: string[]) => (names.length === 0 ? [] : catalogue.series(names.map((n) => promSelector(n))));

  /** A service's series by the first service label that has any. */
  const serviceSeries = async (service: string): Promise<MetricRow[]> => {
    for (const label of serviceLabels) {
      const rows = await catalogue.series([`{${label}=${promString(service)}}`]);
      if (rows.length > 0) return rows;
    }
    return [];
  };

  return {
    backend: { kind: "prometheus", url: options.url, serviceLabels },
    listNames: (filter) => catalogue.pageOfNames(filter),
    async listSeries(filter = {}) {
      const names = await catalogue.pageOfNames({ ...filter, limit: Math.min(filter.limit ?? MAX_LISTED_SERIES, MAX_LISTED_SERIES) });
      const rows = await seriesNamed(names);
      return rows.slice(0, filter.limit ?? MAX_LISTED_SERIES);
    },
    // Past the listing limit the count stops: a remote catalogue is not counted series by series.
    countSeries: async (prefix) => (await seriesNamed(await catalogue.pageOfNames({ prefix, limit: MAX_LISTED_SERIES }))).length,
    seriesNamed,
    async getSeries(name, labels = "") {
      const rows = await catalogue.series([labels === "" ? promSelector(name) : `${name}{${labels}}`]);
      // Scraped series always carry job/instance: a bare name with a single series stands for it.
      return rows.find((r) => r.labels === labels) ?? (labels === "" && rows.length === 1 ? rows[0] : undefined);
    },
    serviceSeries,
    async seriesByService(service) {
      if (service !== undefined) return new Map([[service, await serviceSeries(service)]]);
      const byService = new Map<string, MetricRow[]>();
      for (const label of serviceLabels) {
        const rows = await catalogue.series([`{${label}!=""}`]);
        for (const row of rows.slice(0, MAX_LISTED_SERIES)) {
          const name = parseLabelKey(row.labels)[label];
          if (!name || (label !== serviceLabels[0] && byService.has(name))) continue;
          byService.set(name, [...(byService.get(name) ?? []), row]);
        }
        if (byService.size > 0) break;
      }
      return byService;
    },
    readSeries: (request, limits) => remoteReadSeries(client, catalogue, request, limits),
    async matchSeries(pattern, where = "metric", limit = Number.POSITIVE_INFINITY, matchOptions = {}) {
      const selector = compileSelector(pattern, where);
      const names = await catalogue.namesMatching(selector.name);
      let rows = names.length === 0 ? [] : await catalogue.series(names.map((n) => promSelector(n, selector.matchers)));
      if (matchOptions.unlabelledOnly) rows = rows.filter((r) => r.labels === "");
      return { metrics: rows.slice(0, limit), total: rows.length };
    },
    async downsampled(series, from, to, maxPoints) {
      const stepMs = Math.max(1000, Math.ceil((to - from) / Math.max(1, maxPoints)));
      const answer = await client.queryRange(seriesSelector(series), from, to, stepMs);
      return { resolution: "raw", points: answer[0] ? pointsOf(answer[0]) : [], bucketMs: null };
    },
    rawPoints: (series, from, to, limit) => rawSamples(client, seriesSelector(series), from, to, limit),
    windowSummary: async (series, from, to) => summarizePoints(await rawSamples(client, seriesSelector(series), from, to)),
    pointsFor: () => remotePointsReader(client, catalogue),
    async health() {
      const started = performance.now();
      try {
        await client.query("vector(1)", Date.now());
        return { reachable: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        return { reachable: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
      }
    },
  };
}

/** The PromQL selector of exactly one series. */
function seriesSelector(series: Pick<MetricRow, "name" | "labels">): string {
  const labels = labelKey(parseLabelKey(series.labels));
  return labels === "" ? promSelector(series.name) : `{__name__=${promString(series.name)},${labels}}`;
}
