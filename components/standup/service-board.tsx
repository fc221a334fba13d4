"use client";

import { TimeSeriesChart, type ChartTheme } from "@/components/charts/time-series-chart";
import type { DeploymentView } from "@/lib/deploys/present";
import type { StandupBoard } from "@/lib/standup/board";
import { formatClock, formatValue, timeAgo } from "@/lib/ui/format";

const DARK_CHART: ChartTheme = {
  grid: "#1e293b",
  axis: "#94a3b8",
  fontSize: 18,
  strokeWidth: 2,
  yAxisWidth: 84,
  dark: true,
};
const LINE_COLORS = ["#38bdf8", "#f472b6", "#a3e635", "#fbbf24"];
const MAX_DEPLOYS_LISTED = 7;
// With nothing deployed today (e.g. first thing in the morning), yesterday's last deploys fill the panel.
const MAX_EARLIER_LISTED = 4;

const PILL: Record<string, string> = {
  healthy: "bg-emerald-500/20 text-emerald-300",
  succeeded: "bg-emerald-500/20 text-emerald-300",
  ready: "bg-emerald-500/20 text-emerald-300",
  degraded: "bg-amber-500/20 text-amber-300",
  not_ready: "bg-amber-500/20 text-amber-300",
  insufficient_data: "bg-slate-700/60 text-slate-300",
  failed: "bg-red-500/25 text-red-300",
  rolled_back: "bg-orange-500/25 text-orange-300",
  rollback: "bg-orange-500/25 text-orange-300",
  in_progress: "bg-sky-500/20 text-sky-300",
};

/** One service on the standup TV: its key charts of the last 24 h with deploy lines, and what happened today. */
export function ServiceBoard({ board, chartHeight }: { board: StandupBoard; chartHeight: number }) {
  const midnight = new Date(board.to).setHours(0, 0, 0, 0);
  const today = board.deploys.filter((d) => d.startedAt >= midnight);
  const rollbacks = today.filter((d) => d.kind === "rollback");
  const twoRows = board.charts.length > 2;
  return (
    <div className="grid min-h-0 flex-1 grid-cols-[1fr_520px] gap-6">
      {board.charts.length === 0 ? (
        <div className="flex items-center justify-center rounded-2xl border border-slate-800 text-4xl text-slate-500">no metrics for {board.service} yet</div>
      ) : (
        <div className={`grid min-h-0 gap-6 ${board.charts.length > 1 ? "grid-cols-2" : "grid-cols-1"}`}>
          {board.charts.map((chart, i) => (
            <section key={chart.metric} data-metric={chart.metric} className="min-w-0 rounded-2xl border border-slate-800 bg-slate-900/70 p-4">
              <div className="mb-2 flex items-baseline justify-between gap-4">
                <h2 className="truncate text-3xl font-medium text-slate-200">{chart.metric.slice(board.service.length + 1)}</h2>
                <span className="shrink-0 text-3xl font-semibold tabular-nums" style={{ color: LINE_COLORS[i % LINE_COLORS.length] }}>
                  {formatValue(chart.points.at(-1)?.[1], chart.unit)}
                </span>
              </div>
              <TimeSeriesChart
                series={[
                  {
                    name: chart.metric,
                    points: chart.points,
                    color: LINE_COLORS[i % LINE_COLORS.length],
                    buckets: chart.bucketMs ? { from: board.from, bucketMs: chart.bucketMs } : null,
                  },
                ]}
                unit={chart.unit}
                from={board.from}
                to={board.to}
                deploys={board.deploys}
                height={twoRows ? chartHeight : 2 * chartHeight + 150}
                theme={DARK_CHART}
              />
            </section>
          ))}
        </div>
      )}
      <aside className="flex min-h-0 flex-col gap-6 overflow-hidden">
        <Panel title="Live">
          <dl className="space-y-2">
            {board.live.map((l) => (
              <div key={l.environment} className="flex items-baseline justify-between gap-4" data-live={l.environment}>
                <dt className="text-2xl uppercase tracking-wide text-slate-400">{l.environment}</dt>
                <dd className="truncate font-mono text-3xl font-semibold">{l.version ?? "—"}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title={`Today · ${today.length} deploy${today.length === 1 ? "" : "s"}`}>
          {today.length === 0 ? (
            <>
              <p className="text-2xl text-slate-500">
                no deploys today{board.deploys[0] ? ` · last ${timeAgo(board.deploys[0].startedAt, board.to)}` : ""}
              </p>
              {board.deploys.length > 0 && (
                <ul className="mt-3 space-y-2 opacity-60">
                  {board.deploys.slice(0, MAX_EARLIER_LISTED).map((d) => (
                    <DeployRow key={d.id} deploy={d} />
                  ))}
                </ul>
              )}
            </>
          ) : (
            <ul className="space-y-2" data-today-deploys>
              {today.slice(0, MAX_DEPLOYS_LISTED).map((d) => (
                <DeployRow key={d.id} deploy={d} />
              ))}
              {today.length > MAX_DEPLOYS_LISTED && <li className="text-xl text-slate-500">+{today.length - MAX_DEPLOYS_LISTED} earlier</li>}
            </ul>
          )}
        </Panel>
        <div className="grid grid-cols-2 gap-6">
          <Panel title="Rollbacks today">
            <div className={`text-6xl font-bold tabular-nums ${rollbacks.length > 0 ? "text-orange-400" : "text-slate-300"}`} data-rollbacks-today={rollbacks.length}>
              {rollbacks.length}
            </div>
            {rollbacks[0] && (
              <p className="mt-1 truncate text-xl text-slate-400">
                {rollbacks[0].previousVersion ?? "?"} → {rollbacks[0].version}
              </p>
            )}
          </Panel>
          <Panel title="Dark launch">
            {board.darkLaunch ? (
              <div data-dark-launch>
                <div className="text-6xl font-bold tabular-nums">{board.darkLaunch.matchRate === null ? "–" : `${(board.darkLaunch.matchRate * 100).toFixed(2)}%`}</div>
                <p className="mt-1 truncate text-xl text-slate-400">match · {board.darkLaunch.candidateVersion ?? "candidate"}</p>
                <div className="mt-2">
                  <Pill status={board.darkLaunch.readiness} />
                </div>
              </div>
            ) : (
              <p className="text-2xl text-slate-500">none</p>
            )}
          </Panel>
        </div>
      </aside>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-2xl border border-slate-800 bg-slate-900/70 p-5">
      <h3 className="mb-3 text-lg font-semibold uppercase tracking-wider text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

function DeployRow({ deploy }: { deploy: DeploymentView }) {
  const time = formatClock(deploy.startedAt);
  const outcome = deploy.kind === "rollback" ? "rollback" : deploy.status === "succeeded" ? deploy.verdict.status : deploy.status;
  return (
    <li className="flex items-center gap-3 text-2xl" data-deploy-row={deploy.id}>
      <span className="tabular-nums text-slate-400">{time}</span>
      <span className="min-w-0 flex-1 truncate font-mono">{deploy.version}</span>
      <span className="text-slate-400">{deploy.environment}</span>
      <Pill status={outcome} />
    </li>
  );
}

function Pill({ status }: { status: string }) {
  return <span className={`rounded-lg px-2 py-0.5 text-xl font-medium ${PILL[status] ?? "bg-slate-700/60 text-slate-300"}`}>{status.replace("_", " ")}</span>;
}
