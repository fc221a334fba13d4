"use client";

import { useQuery } from "@tanstack/react-query";
import { Link } from "@/components/link";
import { useState } from "react";
import { PALETTE, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { EmptyState } from "@/components/empty-state";
import { fetchJson } from "@/components/hooks/fetch-json";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useSeriesList } from "@/components/hooks/use-series-list";
import { useTimeRange } from "@/components/hooks/use-time-range";
import { TimeRangePicker } from "@/components/time-range-picker";
import { TimeShortcuts } from "@/components/time-shortcuts";
import { LocalTime } from "@/components/local-time";

/**
 * Any metrics (names or globs) on one chart with one service's deploy lines; the URL is the
 * shareable view. `now` is the server's clock, so the range it renders is the one hydration renders.
 */
export function CustomChart({ services, now }: { services: string[]; now: number }) {
  const range = useTimeRange("-24h", now);
  const chosen = (range.params.get("m") ?? "").split(",").map((m) => m.trim()).filter(Boolean);
  const service = range.params.get("service") ?? "";
  const [draft, setDraft] = useState("");
  const [copied, setCopied] = useState(false);
  const setChosen = (next: string[]) => range.setParams({ m: next.length ? [...new Set(next)].join(",") : null });

  const results = useSeriesList({ metrics: chosen, from: range.from, to: range.to });
  const series = results.flatMap((r) => r.data?.series ?? []);
  const errors = results.flatMap((r, i) => (r.error ? [`${chosen[i]}: ${r.error.message}`] : []));
  const deploys = useDeployments({ service: service || undefined, from: range.from, to: range.to });
  const units = new Set(series.map((s) => s.unit));
  const suggestions = useQuery({
    queryKey: ["metric-names", draft],
    queryFn: () => fetchJson<{ metrics: { name: string }[] }>(`/api/v1/metrics?${new URLSearchParams({ match: /[*?[{]/.test(draft) ? draft : `${draft}*` })}`),
    enabled: draft.trim().length > 0,
  });

  async function copyLink() {
    await navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/metrics" className="text-sm text-indigo-700 hover:underline">
            ← metrics
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Custom chart</h1>
          <p className="text-sm text-slate-500">
            <LocalTime ts={range.from} /> → <LocalTime ts={range.to} /> · {series.length} series · {deploys.data?.deployments.length ?? 0} deploys
            {service ? ` of ${service}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm text-slate-600">
            deploys of{" "}
            <select
              value={service}
              onChange={(e) => range.setParams({ service: e.target.value || null })}
              aria-label="service whose deploys are drawn"
              className="rounded border border-slate-300 px-2 py-1 text-sm"
            >
              <option value="">all services</option>
              {services.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <TimeRangePicker fromText={range.fromText} toText={range.toText} onChange={range.setRange} />
          <TimeShortcuts from={range.from} to={range.to} onChange={(f, t) => range.setRange(f, t)} />
          <button type="button" onClick={copyLink} className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-100">
            {copied ? "Link copied" : "Copy link"}
          </button>
        </div>
      </div>
      {range.error && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{range.error}</p>}
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <aside className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (draft.trim()) setChosen([...chosen, draft.trim()]);
              setDraft("");
            }}
            className="flex gap-2"
          >
            <input
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="name or glob, e.g. auth.api.*.p95"
              aria-label="add a metric or glob"
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            />
            <button type="submit" className="rounded bg-indigo-600 px-2 py-1 text-xs font-medium text-white">
              Add
            </button>
          </form>
          {chosen.length > 0 && (
            <ul className="space-y-1 text-xs" aria-label="charted metrics">
              {chosen.map((m) => (
                <li key={m}>
                  <label className="flex items-center gap-2 font-mono">
                    <input type="checkbox" checked onChange={() => setChosen(chosen.filter((c) => c !== m))} />
                    {m}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {draft.trim() && (
            <div>
              <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500">matching</h2>
              <ul className="mt-1 max-h-64 space-y-1 overflow-y-auto text-xs">
                {(suggestions.data?.metrics ?? []).slice(0, 50).map((m) => (
                  <li key={m.name}>
                    <label className="flex items-center gap-2 font-mono">
                      <input
                        type="checkbox"
                        checked={chosen.includes(m.name)}
                        onChange={() => setChosen(chosen.includes(m.name) ? chosen.filter((c) => c !== m.name) : [...chosen, m.name])}
                      />
                      {m.name}
                    </label>
                  </li>
                ))}
                {suggestions.data?.metrics.length === 0 && <li className="text-slate-400">no metric matches</li>}
              </ul>
            </div>
          )}
        </aside>
        <section className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          {errors.length > 0 && <p className="mb-2 rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not load {errors.join("; ")}</p>}
          {chosen.length === 0 ? (
            <EmptyState title="Pick metrics to chart">Tick metrics on the left, or add a name or glob; the chart&apos;s link reproduces this view.</EmptyState>
          ) : series.length === 0 && results.every((r) => !r.isPending) ? (
            <EmptyState title="No data">None of {chosen.join(", ")} has points in this range.</EmptyState>
          ) : (
            <>
              <TimeSeriesChart
                series={series.map((s) => ({ name: s.metric, points: s.points }))}
                unit={units.size === 1 ? [...units][0] : null}
                from={range.from}
                to={range.to}
                deploys={deploys.data?.deployments ?? []}
                height={360}
                onZoom={(f, t) => range.setRange(Math.round(f), Math.round(t))}
              />
              <ul className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600" aria-label="legend">
                {series.map((s, i) => (
                  <li key={s.metric} className="flex items-center gap-1.5 font-mono" data-series={s.metric}>
                    <span aria-hidden className="inline-block h-2 w-3 rounded-sm" style={{ background: PALETTE[i % PALETTE.length] }} />
                    {s.metric} <span className="text-slate-400">({s.resolution})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
