"use client";

import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { CrosshairProvider } from "@/components/charts/crosshair";
import { TimeSeriesChart, type ChartSeries } from "@/components/charts/time-series-chart";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useSeries } from "@/components/hooks/use-series";
import { LazyMount } from "@/components/lazy-mount";
import { chartLines, SeriesLegend } from "@/components/service/metric-panel";
import type { ServiceChart } from "@/lib/services/service-charts";
import { displayUnit } from "@/lib/ui/format";

/** No lines (loading, or nothing around the deploy): one array, so the chart sees no change while it stays empty. */
const NO_LINES: ChartSeries[] = [];

/** A chart section's height around a deploy (a 160 px chart, its title and padding), held until it mounts. */
const CHART_SECTION_HEIGHT = 214;

type ChartedMetric = Pick<ServiceChart, "name" | "unit" | "selector">;

interface Props {
  service: string;
  /** The service's charts, as its dashboard has them. */
  metrics: ChartedMetric[];
  from: number;
  to: number;
  deploymentId: number;
}

/** The service's charts around one deploy, that deploy highlighted; a drag opens the service dashboard zoomed there. */
export function DeploymentCharts({ service, metrics, from, to, deploymentId }: Props) {
  const router = useRouter();
  const deploys = useDeployments({ service, from, to });
  const zoom = (f: number, t: number) => router.push(`/services/${encodeURIComponent(service)}?from=${Math.round(f)}&to=${Math.round(t)}`);
  return (
    <div className="space-y-2">
      {deploys.error && <p className="text-sm text-red-600">Could not load deploys: {deploys.error.message}</p>}
      <CrosshairProvider>
        <div className="grid gap-4 lg:grid-cols-2">
          {metrics.map((m) => (
            // Charts mount (and fetch) as they scroll into view: a service may have 200 metrics.
            <LazyMount key={m.name} minHeight={CHART_SECTION_HEIGHT}>
              <MetricAround metric={m} from={from} to={to} deploys={deploys.data?.deployments ?? []} highlight={deploymentId} onZoom={zoom} />
            </LazyMount>
          ))}
        </div>
      </CrosshairProvider>
    </div>
  );
}

function MetricAround({
  metric,
  from,
  to,
  deploys,
  highlight,
  onZoom,
}: {
  metric: ChartedMetric;
  from: number;
  to: number;
  deploys: NonNullable<ReturnType<typeof useDeployments>["data"]>["deployments"];
  highlight: number;
  onZoom: (from: number, to: number) => void;
}) {
  const query = useSeries({ metric: metric.selector, from, to, maxPoints: 400 });
  // As on the service dashboard: a line per label set (the busiest few), a histogram's p95, a counter's rate.
  const lines = useMemo(() => (query.data ? chartLines(query.data.series, query.data.from) : NO_LINES), [query.data]);
  const empty = query.data !== undefined && lines.every((l) => l.points.length === 0);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={metric.name}>
      <h3 className="mb-1 truncate font-mono text-sm text-slate-800" title={metric.name}>
        {metric.name}
        <span className="ml-2 text-xs text-slate-400">{displayUnit(query.data?.series[0]?.unit ?? metric.unit)}</span>
      </h3>
      {query.error ? (
        <p className="py-8 text-center text-sm text-red-600">Could not load: {query.error.message}</p>
      ) : (
        <div className="relative">
          <TimeSeriesChart
            series={empty ? NO_LINES : lines}
            unit={query.data?.series[0]?.unit ?? metric.unit}
            from={from}
            to={to}
            deploys={deploys}
            highlightDeployId={highlight}
            height={160}
            onZoom={onZoom}
          />
          {empty && <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">no points around this deploy</p>}
        </div>
      )}
      {lines.length > 1 && <SeriesLegend lines={lines} />}
    </section>
  );
}
