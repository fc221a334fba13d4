"use client";

import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { useInView } from "@/components/hooks/use-in-view";
import { useSeries, type SeriesResponse } from "@/components/hooks/use-series";
import type { DeploymentView } from "@/lib/deploys/present";

export interface MetricPanelProps {
  metric: { name: string; unit: string | null };
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

/** A metric's chart that mounts (and loads) only while near the viewport; the same height before and after. */
export function LazyMetricPanel(props: MetricPanelProps) {
  const { ref, inView } = useInView<HTMLElement>();
  return (
    <section ref={ref} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={props.metric.name} style={{ minHeight: PANEL_HEIGHT }}>
      {inView || props.initial ? <MetricPanel {...props} /> : <PanelHeader {...props} detail="" />}
    </section>
  );
}

function MetricPanel({ metric, from, to, deploys, initial, drawBands, laneOrder, onZoom, ...header }: MetricPanelProps) {
  const query = useSeries({ metric: metric.name, from, to }, initial);
  const series = query.data?.series[0];
  return (
    <>
      <PanelHeader metric={metric} {...header} detail={series ? series.resolution : "loading…"} />
      {query.error ? (
        <p className="py-8 text-center text-sm text-red-600">Could not load: {query.error.message}</p>
      ) : series && series.points.length === 0 ? (
        <div className="relative">
          <TimeSeriesChart series={[]} from={from} to={to} deploys={deploys} onZoom={onZoom} laneOrder={laneOrder} />
          <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">no points in this range</p>
        </div>
      ) : (
        <TimeSeriesChart
          series={series ? [{ name: metric.name, points: series.points, buckets: series.bucketMs ? { from: query.data!.from, bucketMs: series.bucketMs } : null }] : []}
          unit={metric.unit}
          from={from}
          to={to}
          deploys={deploys}
          onZoom={onZoom}
          drawBands={drawBands}
          laneOrder={laneOrder}
        />
      )}
    </>
  );
}

function PanelHeader({ metric, pinned, onPin, detail }: Pick<MetricPanelProps, "metric" | "pinned" | "onPin"> & { detail: string }) {
  return (
    <div className="mb-1 flex items-baseline justify-between gap-2">
      <h2 className="truncate font-mono text-sm text-slate-800" title={metric.name}>
        {metric.name}
      </h2>
      <span className="flex shrink-0 items-baseline gap-2 text-xs text-slate-400">
        {metric.unit ?? ""}
        {detail && ` · ${detail}`}
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
