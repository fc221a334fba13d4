"use client";

import { Link } from "@/components/link";
import { useState } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { DataTable } from "@/components/data-table";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useSparklines } from "@/components/hooks/use-sparklines";
import { serviceOfMetric } from "@/lib/metrics/name";
import { formatValue, timeAgo } from "@/lib/ui/format";
import { LocalTime, useLocalTimeFormat } from "@/components/local-time";

export interface MetricSummary {
  name: string;
  kind: string;
  unit: string | null;
  firstSeen: number;
  lastSeen: number;
  lastTs: number;
  lastValue: number;
}

const DAY = 86_400_000;

/** One page of metrics with last value, 24 h sparkline and first/last seen; ticked ones open in a custom chart. */
export function MetricList({ metrics }: { metrics: MetricSummary[] }) {
  const [now] = useState(() => Date.now());
  const localTime = useLocalTimeFormat();
  const [chosen, setChosen] = useState<string[]>([]);
  // A few glob reads for the whole page ({a,b,…} within the API's selector length), not one per row.
  const series = useSparklines(metrics.map((m) => m.name), now - DAY, now);
  const deploys = useDeployments({ from: now - DAY, to: now });
  const pointsOf = series.pointsOf;
  const chartHref = `/metrics/chart?${new URLSearchParams({ m: chosen.join(","), from: "-24h", to: "now", ...(chosen.length ? { service: serviceOfMetric(chosen[0]) } : {}) })}`;
  const toggle = (name: string) => setChosen((c) => (c.includes(name) ? c.filter((n) => n !== name) : [...c, name]));

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3 text-sm">
        <Link
          href={chartHref}
          aria-disabled={chosen.length === 0}
          className={`rounded px-3 py-1.5 font-medium ${chosen.length ? "bg-indigo-600 text-white" : "pointer-events-none bg-slate-200 text-slate-500"}`}
        >
          Chart {chosen.length || ""} selected
        </Link>
        {series.error && <span className="text-red-700">Could not load sparklines: {series.error.message}</span>}
      </div>
      <DataTable
        label="metrics"
        note="Sorting orders this page of the list."
        columns={[
          { key: "pick", label: "", sortable: false, className: "w-8" },
          { key: "name", label: "name" },
          { key: "last", label: "last value", align: "right" },
          { key: "kind", label: "kind" },
          { key: "spark", label: "last 24 h", className: "w-48" },
          { key: "first", label: "first seen" },
          { key: "seen", label: "last seen" },
        ]}
        rows={metrics.map((m) => ({
          key: m.name,
          attrs: { "data-metric": m.name },
          sort: { name: m.name, last: m.lastValue, kind: m.kind, first: m.firstSeen, seen: m.lastSeen },
          cells: {
            pick: <input type="checkbox" aria-label={`chart ${m.name}`} checked={chosen.includes(m.name)} onChange={() => toggle(m.name)} />,
            name: (
              <Link href={`/metrics/chart?m=${encodeURIComponent(m.name)}&service=${encodeURIComponent(serviceOfMetric(m.name))}`} className="font-mono text-indigo-700 hover:underline">
                {m.name}
              </Link>
            ),
            last: formatValue(m.lastValue, m.unit),
            kind: <span className="text-slate-600">{m.kind}</span>,
            spark: series.isPending ? (
              <div className="h-8 animate-pulse rounded bg-slate-100" />
            ) : (
              <Sparkline height={32} points={pointsOf.get(m.name) ?? []} deploys={(deploys.data?.deployments ?? []).filter((d) => d.service === serviceOfMetric(m.name))} />
            ),
            first: (
              <span className="whitespace-nowrap text-slate-600">
                <LocalTime ts={m.firstSeen} />
              </span>
            ),
            seen: (
              <span className="whitespace-nowrap text-slate-600" title={localTime(m.lastSeen)} suppressHydrationWarning>
                {timeAgo(m.lastSeen, now)}
              </span>
            ),
          },
        }))}
      />
    </div>
  );
}
