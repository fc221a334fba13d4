"use client";

import Link from "next/link";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { DeployFilters } from "@/components/deploy-filters";
import { EmptyState } from "@/components/empty-state";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useSeries, type SeriesResponse } from "@/components/hooks/use-series";
import { useTimeRange } from "@/components/hooks/use-time-range";
import { TimeRangePicker } from "@/components/time-range-picker";
import type { DeploymentView } from "@/lib/deploys/present";
import { formatTime } from "@/lib/ui/format";
import { CommandExample } from "@/components/command-example";

/** What the server already read for the first render (see page.tsx). */
export interface InitialData {
  now: number;
  from: number;
  to: number;
  deployments: { deployments: DeploymentView[]; total: number };
  series: Record<string, SeriesResponse>;
}

interface Props {
  service: string;
  metrics: { name: string; unit: string | null }[];
  environments: string[];
  hasDeploys: boolean;
  initial?: InitialData;
}

export function ServiceDashboard({ service, metrics, environments, hasDeploys, initial }: Props) {
  const range = useTimeRange("-24h", initial?.now);
  const fresh = initial && initial.from === range.from && initial.to === range.to ? initial : undefined;
  const hiddenEnvs = new Set((range.params.get("hide") ?? "").split(",").filter(Boolean));
  const showDeploys = !hiddenEnvs.has("kind:deploy");
  const showRollbacks = !hiddenEnvs.has("kind:rollback");
  const deploysQuery = useDeployments({ service, from: range.from, to: range.to }, fresh?.deployments);
  const all = deploysQuery.data?.deployments ?? [];
  const visible = all.filter(
    (d) => !hiddenEnvs.has(d.environment) && (d.kind === "rollback" ? showRollbacks : showDeploys),
  );
  const toggle = (key: string) => {
    const next = new Set(hiddenEnvs);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    range.setParams({ hide: next.size ? [...next].join(",") : null });
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{service}</h1>
          <p className="text-sm text-slate-500">
            {formatTime(range.from)} → {formatTime(range.to)} · {visible.length} of {all.length} deploys shown
            {deploysQuery.isFetching && <span className="ml-2 text-slate-400">refreshing…</span>}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <TimeRangePicker fromText={range.fromText} toText={range.toText} onChange={range.setRange} />
          <Link href={`/deployments?service=${encodeURIComponent(service)}`} className="text-sm text-indigo-700 hover:underline">
            deploy history →
          </Link>
          <Link href={`/services/${encodeURIComponent(service)}/criteria`} className="text-sm text-indigo-700 hover:underline">
            success criteria →
          </Link>
          <Link href={`/services/${encodeURIComponent(service)}/compare`} className="text-sm text-indigo-700 hover:underline">
            compare versions →
          </Link>
        </div>
      </div>
      {range.error && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{range.error}</p>}
      {deploysQuery.error && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not load deploys: {deploysQuery.error.message}</p>}
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
        <DeployFilters
          environments={environments}
          hiddenEnvironments={hiddenEnvs}
          showDeploys={showDeploys}
          showRollbacks={showRollbacks}
          onToggleEnvironment={toggle}
          onToggleKind={(kind) => toggle(`kind:${kind}`)}
        />
        <span className="text-xs text-slate-500">drag across a chart to zoom · hover a line for the deploy · click to open it</span>
      </div>
      {metrics.length === 0 ? (
        <EmptyState title={`No metrics for ${service} yet`}>
          Metrics whose names start with <code>{service}.</code> appear here as soon as they are written, e.g.
          <CommandExample>{`npx deploylines send ${service}.api.latency.p95 42`}</CommandExample>
          {hasDeploys ? "Deploys are recorded already." : null}
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {metrics.map((m) => (
            <MetricPanel
              key={m.name}
              metric={m}
              from={range.from}
              to={range.to}
              deploys={visible}
              initial={fresh?.series[m.name]}
              onZoom={(f, t) => range.setRange(Math.round(f), Math.round(t))}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function MetricPanel({
  metric,
  from,
  to,
  deploys,
  initial,
  onZoom,
}: {
  metric: { name: string; unit: string | null };
  from: number;
  to: number;
  deploys: DeploymentView[];
  initial?: SeriesResponse;
  onZoom: (from: number, to: number) => void;
}) {
  const query = useSeries({ metric: metric.name, from, to }, initial);
  const series = query.data?.series[0];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-metric={metric.name}>
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <h2 className="truncate font-mono text-sm text-slate-800" title={metric.name}>
          {metric.name}
        </h2>
        <span className="shrink-0 text-xs text-slate-400">
          {metric.unit ?? ""}
          {series ? ` · ${series.resolution}` : ""}
        </span>
      </div>
      {query.error ? (
        <p className="py-8 text-center text-sm text-red-600">Could not load: {query.error.message}</p>
      ) : series && series.points.length === 0 ? (
        <div className="relative">
          <TimeSeriesChart series={[]} from={from} to={to} deploys={deploys} onZoom={onZoom} />
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
        />
      )}
    </section>
  );
}
