"use client";

import { useQueryClient } from "@tanstack/react-query";
import { memo, useMemo } from "react";
import { seriesColor, TimeSeriesChart, type ChartSeries } from "@/components/charts/time-series-chart";
import { useInView } from "@/components/hooks/use-in-view";
import { seriesQuery, useSeries, type SeriesResponse } from "@/components/hooks/use-series";
import type { DeploymentView } from "@/lib/deploys/present";
import type { SeriesResult } from "@/lib/series/read-series";
import { displayUnit } from "@/lib/ui/format";
import { labelText, sharedLabels, topSeries } from "@/lib/ui/top-series";

export interface MetricPanelProps {
  /** The metric name, its unit, and the selector its chart reads (the name, narrowed to the service and the page's label filter). */
  metric: { name: string; unit: string | null; selector: string };
  /** Sum the series per value of this label (the page's `by=`). */
  by?: string;
  /** Points per series the chart asks for (the server's CHART_MAX_POINTS, which its first read used too). */
  maxPoints: number;
  from: number;
  to: number;
  deploys: DeploymentView[];
  initial?: SeriesResponse;
  drawBands: boolean;
  laneOrder: string[];
  pinned: boolean;
  onPin: (name: string) => void;
  onZoom: (from: number, to: number) => void;
}

const PANEL_HEIGHT = 236;
/** The quantile a histogram's chart draws per label set. */
const CHART_QUANTILE = "0.95";

/** No lines yet (loading, or nothing in range): one array, so the chart sees no change while it stays empty. */
const NO_LINES: ChartSeries[] = [];

/**
 * A metric's chart that mounts (and loads) only while near the viewport; the same height before
 * and after. Memoized: the dashboard re-renders as its deploys refresh or a pin is saved, and a
 * chart whose own props did not change need not redraw.
 */
export const LazyMetricPanel = memo(function LazyMetricPanel(props: MetricPanelProps) {
  const queryClient = useQueryClient();
  const { metric, from, to, by, maxPoints, initial } = props;
  // The read starts as the panel comes near, not once React has mounted it: on a first load that
  // render waits behind the charts the page arrived with.
  const { ref, inView } = useInView<HTMLElement>({
    onEnter: () => {
      if (!initial) void queryClient.prefetchQuery(seriesQuery({ metric: metric.selector, from, to, by, maxPoints }));
    },
  });
  return (
    <section ref={ref} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={props.metric.name} style={{ minHeight: PANEL_HEIGHT }}>
      {inView || props.initial ? <MetricPanel {...props} /> : <PanelHeader {...props} detail="" />}
    </section>
  );
});

function MetricPanel({ metric, by, maxPoints, from, to, deploys, initial, drawBands, laneOrder, onZoom, ...header }: MetricPanelProps) {
  const query = useSeries({ metric: metric.selector, from, to, by, maxPoints }, initial);
  const all = query.data?.series;
  const lines = useMemo(() => (query.data ? chartLines(query.data.series, query.data.from) : NO_LINES), [query.data]);
  const first = all?.[0];
  const shown = first?.shown === "quantile" ? `p${Number(CHART_QUANTILE) * 100}` : first?.shown === "rate" ? "rate" : first?.resolution;
  const detail = first ? [shown, all!.length > 1 ? `${all!.length} series` : ""].filter(Boolean).join(" · ") : "loading…";
  return (
    <>
      <PanelHeader metric={metric} {...header} detail={detail} />
      {query.error ? (
        <p className="py-8 text-center text-sm text-red-600">Could not load: {query.error.message}</p>
      ) : all && lines.every((l) => l.points.length === 0) ? (
        <div className="relative">
          <TimeSeriesChart series={NO_LINES} from={from} to={to} deploys={deploys} onZoom={onZoom} laneOrder={laneOrder} />
          <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">no points in this range</p>
        </div>
      ) : (
        <>
          <TimeSeriesChart series={lines} unit={first?.unit ?? metric.unit} from={from} to={to} deploys={deploys} onZoom={onZoom} drawBands={drawBands} laneOrder={laneOrder} />
          {lines.length > 1 && <SeriesLegend lines={lines} />}
        </>
      )}
    </>
  );
}

/**
 * A line per label set: the busiest few, the rest summed as "other". A histogram draws its p95
 * per label set, and the label sets left over are counted, not summed (quantiles do not add up).
 */
export function chartLines(all: SeriesResult[], from: number): ChartSeries[] {
  const quantiles = all[0]?.shown === "quantile";
  const series = quantiles ? all.filter((s) => s.labels.quantile === CHART_QUANTILE) : all;
  const { top, other } = topSeries(series);
  const shared = sharedLabels(series);
  const lines: ChartSeries[] = top.map((s) => ({
    name: series.length === 1 ? s.metric : labelText(s.labels, shared),
    labels: s.labels,
    points: s.points,
    buckets: s.bucketMs && s.shown === "values" ? { from, bucketMs: s.bucketMs } : null,
  }));
  if (other && !quantiles) lines.push({ name: `other (${other.count} series, summed)`, points: other.points, color: "#94a3b8" });
  else if (other) lines.push({ name: `${other.count} more label sets not drawn`, points: [], color: "#94a3b8" });
  return lines;
}

/** The lines' names beside their colours, under a chart of several. */
export function SeriesLegend({ lines }: { lines: ChartSeries[] }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500" data-testid="series-legend">
      {lines.map((line, i) => (
        <li key={line.name} className="flex items-center gap-1">
          <span className="inline-block h-0.5 w-3" style={{ background: line.color ?? seriesColor(i) }} />
          <span className="font-mono">{line.name}</span>
        </li>
      ))}
    </ul>
  );
}

function PanelHeader({ metric, pinned, onPin, detail }: Pick<MetricPanelProps, "metric" | "pinned" | "onPin"> & { detail: string }) {
  return (
    <div className="mb-1 flex items-baseline justify-between gap-2">
      <h2 className="truncate font-mono text-sm text-slate-800" title={metric.name}>
        {metric.name}
      </h2>
      <span className="flex shrink-0 items-baseline gap-2 text-xs text-slate-400">
        {[displayUnit(metric.unit), detail].filter(Boolean).join(" · ")}
        <button
          type="button"
          onClick={() => onPin(metric.name)}
          aria-pressed={pinned}
          data-pin={metric.name}
          title={pinned ? "unpin from key metrics" : "pin as a key metric of this service"}
          className={`text-base leading-none ${pinned ? "text-amber-500" : "text-slate-300 hover:text-amber-500"}`}
        >
          {pinned ? "★" : "☆"}
        </button>
      </span>
    </div>
  );
}
