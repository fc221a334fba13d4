"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@/components/link";
import type { ReactNode } from "react";
import { CrosshairProvider } from "@/components/charts/crosshair";
import { TimeSeriesChart, type ChartSeries } from "@/components/charts/time-series-chart";
import { EndpointTable } from "@/components/dark-launch/endpoint-table";
import { MismatchExamples } from "@/components/dark-launch/mismatch-examples";
import { ReadinessPanel } from "@/components/dark-launch/readiness-panel";
import { useDarkLaunch } from "@/components/hooks/use-dark-launch";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useTimeRange } from "@/components/hooks/use-time-range";
import { TimeRangePicker } from "@/components/time-range-picker";
import { TimeShortcuts } from "@/components/time-shortcuts";
import type { DarkLaunchReport } from "@/lib/dark-launch/report";
import type { DeploymentView } from "@/lib/deploys/present";
import { formatValue } from "@/lib/ui/format";
import { LocalTime } from "@/components/local-time";
import { formatRate } from "@/lib/ui/format-rate";

/** A percentage's y axis: up to 100, its floor following the data (a constant, so the chart's plot is not redrawn each render). */
const PERCENT_DOMAIN: [number | "auto", number | "auto"] = ["auto", 100];

const DARK_ENVIRONMENT = "dark";
const PRIMARY_COLOR = "#0f172a";
const CANDIDATE_COLOR = "#7c3aed";

/** A service's dark launch; `now` is the server's clock, so the range it renders is the one hydration renders. */
export function DarkLaunchDashboard({ service, signedIn, now }: { service: string; signedIn: boolean; now: number }) {
  // A week shows the candidate's releases one after another, each moving the match rate.
  const range = useTimeRange("-7d", now);
  const queryClient = useQueryClient();
  const query = useDarkLaunch({ service, from: range.from, to: range.to });
  const deploysQuery = useDeployments({ service, environment: DARK_ENVIRONMENT, from: range.from, to: range.to });
  const deploys = deploysQuery.data?.deployments ?? [];
  const report = query.data;
  const onZoom = (f: number, t: number) => range.setRange(Math.round(f), Math.round(t));

  return (
    <CrosshairProvider>
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/dark-launch" className="text-sm text-indigo-700 hover:underline">
            ← all dark launches
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">
            {service} <span className="text-base font-normal text-slate-500">dark launch</span>
            {report?.candidateVersion && <span className="ml-2 font-mono text-base text-violet-700">{report.candidateVersion}</span>}
          </h1>
          <p className="text-sm text-slate-500">
            <LocalTime ts={range.from} /> → <LocalTime ts={range.to} /> · candidate deploys (environment <code>{DARK_ENVIRONMENT}</code>) drawn on every chart
            {query.isFetching && <span className="ml-2 text-slate-400">refreshing…</span>}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <TimeRangePicker fromText={range.fromText} toText={range.toText} onChange={range.setRange} />
          <TimeShortcuts from={range.from} to={range.to} onChange={(f, t) => range.setRange(f, t)} />
        </div>
      </div>
      {range.error && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{range.error}</p>}
      {query.error && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not load the dark launch: {query.error.message}</p>}
      {deploysQuery.error && <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not load deploys: {deploysQuery.error.message}</p>}
      {!report ? (
        !query.error && <p className="py-12 text-center text-sm text-slate-400">loading…</p>
      ) : (
        <>
          <ReadinessPanel report={report} signedIn={signedIn} onSaved={() => queryClient.invalidateQueries({ queryKey: ["dark-launch"] })} />
          <Headline report={report} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Panel title="Match rate" note="share of mirrored requests answered the same" testId="match-rate-chart">
              <Chart report={report} deploys={deploys} onZoom={onZoom} unit="%" yDomain={PERCENT_DOMAIN} series={[{ name: "match rate", color: CANDIDATE_COLOR, points: points(report, (b) => (b.matchRate === null ? null : b.matchRate * 100)) }]} />
            </Panel>
            <Panel title="Mirrored requests" note={`per ${bucketLabel(report)}`} testId="mirrored-chart">
              <Chart report={report} deploys={deploys} onZoom={onZoom} series={[{ name: "mirrored", color: "#0891b2", points: points(report, (b) => b.mirrored) }]} />
            </Panel>
            <Panel title="p95 latency" note="primary vs candidate" testId="latency-chart" wide>
              <Chart
                report={report}
                deploys={deploys}
                onZoom={onZoom}
                unit="ms"
                series={[
                  { name: "primary p95", color: PRIMARY_COLOR, points: points(report, (b) => b.primaryP95Ms) },
                  { name: "candidate p95", color: CANDIDATE_COLOR, points: points(report, (b) => b.candidateP95Ms) },
                ]}
              />
            </Panel>
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Panel title="Endpoints" note="most mismatches first">
              <EndpointTable endpoints={report.endpoints} />
            </Panel>
            <Panel title="Recent mismatches" note={signedIn ? "primary and candidate values side by side" : "routes and differing fields only — sign in to see request paths and values"}>
              <MismatchExamples examples={report.recentMismatches} />
            </Panel>
          </div>
        </>
      )}
    </div>
    </CrosshairProvider>
  );
}

function Headline({ report }: { report: DarkLaunchReport }) {
  const figures: [string, string][] = [
    ["mirrored", report.mirrored.toLocaleString("en-US")],
    ["match rate", formatRate(report.matchRate)],
    ["p50 primary → candidate", `${formatValue(report.primary.p50Ms, "ms")} → ${formatValue(report.candidate.p50Ms, "ms")}`],
    ["p95 primary → candidate", `${formatValue(report.primary.p95Ms, "ms")} → ${formatValue(report.candidate.p95Ms, "ms")}`],
    ["p99 primary → candidate", `${formatValue(report.primary.p99Ms, "ms")} → ${formatValue(report.candidate.p99Ms, "ms")}`],
    ["errors primary / candidate", `${formatRate(report.primary.errorRate)} / ${formatRate(report.candidate.errorRate)}`],
  ];
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="headline">
      {figures.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-sm">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="mt-0.5 text-lg font-semibold tabular-nums text-slate-900" data-figure={label}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Panel({ title, note, testId, wide, children }: { title: string; note?: string; testId?: string; wide?: boolean; children: ReactNode }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-3 shadow-sm ${wide ? "lg:col-span-2" : ""}`} data-testid={testId}>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 className="font-semibold text-slate-800">{title}</h2>
        {note && <span className="text-xs text-slate-500">{note}</span>}
      </div>
      {children}
    </section>
  );
}

function Chart({
  report,
  deploys,
  series,
  unit,
  onZoom,
  yDomain,
}: {
  report: DarkLaunchReport;
  deploys: DeploymentView[];
  series: ChartSeries[];
  unit?: string;
  onZoom: (from: number, to: number) => void;
  yDomain?: [number | "auto", number | "auto"];
}) {
  const empty = series.every((s) => s.points.length === 0);
  return (
    <div className="relative">
      <TimeSeriesChart series={series} unit={unit} from={report.from} to={report.to} deploys={deploys} onZoom={onZoom} yDomain={yDomain} />
      {empty && <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">no mirrored requests in this range</p>}
    </div>
  );
}

// Buckets without samples are left out, so a quiet hour is a gap in the line rather than a fall to zero.
function points(report: DarkLaunchReport, value: (bucket: DarkLaunchReport["timeline"][number]) => number | null): [number, number][] {
  return report.timeline.flatMap((b) => {
    const v = b.mirrored > 0 ? value(b) : null;
    return v === null ? [] : [[b.ts, v] as [number, number]];
  });
}

function bucketLabel(report: DarkLaunchReport): string {
  const width = report.timeline.length > 1 ? report.timeline[1].ts - report.timeline[0].ts : report.to - report.from;
  const minutes = Math.round(width / 60_000);
  return minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
}
