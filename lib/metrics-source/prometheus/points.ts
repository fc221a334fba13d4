import "server-only";
import { DEFAULT_QUANTILE, type PointsFor } from "@/lib/series/raw-points-reader";
import { isCounter, isHistogramBucket, MIN_RATE_STEP_MS } from "@/lib/series/derived-read";
import { compileSelector } from "@/lib/series/read-series";
import type { MetricRow, Point } from "@/lib/store/types";
import type { PromClient } from "./client";
import { promSelector, type Catalogue } from "./catalogue";
import { pointsOf } from "./read";

/** Series one selector in a rule may pool at most (as on the embedded store). */
const SERIES_PER_SELECTOR = 50;

interface Resolved {
  rows: MetricRow[];
  /** The PromQL selector of the series picked (without a histogram's `quantile`). */
  promql: string;
  quantile: string;
}

/**
 * The remote `PointsFor`: what the embedded reader gives, computed by the backend — gauges as their
 * raw samples at the scrape step (an instant query of `x[range]`), counters as the summed
 * per-second rate per minute, histogram buckets as the worst label set's quantile per minute.
 */
export function remotePointsReader(client: PromClient, catalogue: Catalogue): PointsFor {
  const resolved = new Map<string, Promise<Resolved>>();
  return async (metric, from, to) => {
    let series = resolved.get(metric);
    if (!series) {
      series = resolve(catalogue, metric);
      resolved.set(metric, series);
    }
    const { rows, promql, quantile } = await series;
    if (rows.length === 0) return [];
    const perMinute = (expr: string) => client.queryRange(expr, from + MIN_RATE_STEP_MS, to, MIN_RATE_STEP_MS).then((r) => (r[0] ? pointsOf(r[0]) : []));
    if (rows.some((m) => isHistogramBucket(m.kind))) return perMinute(`max(histogram_quantile(${quantile}, rate(${promql}[1m])))`);
    if (rows.some((m) => isCounter(m.kind))) return perMinute(`sum(rate(${promql}[1m]))`);
    return rawSamples(client, promql, from, to);
  };
}

/** Samples in [from, to] of every series a PromQL selector picks, pooled oldest first; the first `limit` when given. */
export async function rawSamples(client: PromClient, promql: string, from: number, to: number, limit?: number): Promise<Point[]> {
  const rangeMs = Math.max(1, to - from);
  const matrix = await client.query(`${promql}[${rangeMs}ms]`, to);
  const points = matrix.flatMap(pointsOf).sort((a, b) => a[0] - b[0]);
  return limit === undefined ? points : points.slice(0, limit);
}

/** The series a name or selector picks; a `quantile` matcher on a histogram's buckets is the quantile wanted. */
async function resolve(catalogue: Catalogue, metric: string): Promise<Resolved> {
  const selector = compileSelector(metric, "metric");
  const names = await catalogue.namesMatching(selector.name);
  const quantile = selector.matchers.find((m) => m.label === "quantile" && m.op === "=");
  const rest = selector.matchers.filter((m) => m !== quantile);
  const rows = (await catalogue.series(names.map((n) => promSelector(n, rest)))).slice(0, SERIES_PER_SELECTOR);
  const buckets = rows.some((m) => isHistogramBucket(m.kind));
  // A summary's `quantile` is a real label: keep the matcher for series that carry it.
  const matchers = quantile && !buckets ? selector.matchers : rest;
  const picked = quantile && !buckets ? await catalogue.series(names.map((n) => promSelector(n, matchers))) : rows;
  const promql = names.length === 1 ? promSelector(names[0], matchers) : `{__name__=~${JSON.stringify(names.map(escapeRegex).join("|"))}${matchers.map((m) => `,${m.label}${m.op}${JSON.stringify(m.value)}`).join("")}}`;
  // The quantile goes into PromQL: only a number in [0, 1] is taken.
  const q = Number(quantile?.value);
  const wanted = buckets && quantile && Number.isFinite(q) && q >= 0 && q <= 1 ? String(q) : DEFAULT_QUANTILE;
  return { rows: picked.slice(0, SERIES_PER_SELECTOR), promql, quantile: wanted };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
