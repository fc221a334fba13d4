"use client";

import Link from "next/link";
import { useState } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useSeries } from "@/components/hooks/use-series";
import { serviceOfMetric } from "@/lib/metrics/name";
import { formatTime, formatValue, timeAgo } from "@/lib/ui/format";

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
  const [chosen, setChosen] = useState<string[]>([]);
  // One request for the whole page: a {a,b,…} glob reads every visible metric's last day at once.
  const series = useSeries({ metric: `{${metrics.map((m) => m.name).join(",")}}`, from: now - DAY, to: now, maxPoints: 120 });
  const deploys = useDeployments({ from: now - DAY, to: now });
  const pointsOf = new Map((series.data?.series ?? []).map((s) => [s.metric, s.points]));
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-8 px-3 py-2" />
              <th className="px-3 py-2 font-medium">name</th>
              <th className="px-3 py-2 text-right font-medium">last value</th>
              <th className="px-3 py-2 font-medium">kind</th>
              <th className="w-48 px-3 py-2 font-medium">last 24 h</th>
              <th className="px-3 py-2 font-medium">first seen</th>
              <th className="px-3 py-2 font-medium">last seen</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {metrics.map((m) => (
              <tr key={m.name} data-metric={m.name}>
                <td className="px-3 py-1.5">
                  <input type="checkbox" aria-label={`chart ${m.name}`} checked={chosen.includes(m.name)} onChange={() => toggle(m.name)} />
                </td>
                <td className="px-3 py-1.5">
                  <Link href={`/metrics/chart?m=${encodeURIComponent(m.name)}&service=${encodeURIComponent(serviceOfMetric(m.name))}`} className="font-mono text-indigo-700 hover:underline">
                    {m.name}
                  </Link>
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatValue(m.lastValue, m.unit)}</td>
                <td className="px-3 py-1.5 text-slate-600">{m.kind}</td>
                <td className="px-3 py-1">
                  {series.isPending ? (
                    <div className="h-8 animate-pulse rounded bg-slate-100" />
                  ) : (
                    <Sparkline
                      height={32}
                      points={pointsOf.get(m.name) ?? []}
                      deploys={(deploys.data?.deployments ?? []).filter((d) => d.service === serviceOfMetric(m.name))}
                    />
                  )}
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap text-slate-600" title={formatTime(m.firstSeen)}>
                  {formatTime(m.firstSeen)}
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap text-slate-600" title={formatTime(m.lastSeen)} suppressHydrationWarning>
                  {timeAgo(m.lastSeen, now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
