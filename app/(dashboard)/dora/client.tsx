"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/empty-state";
import { useDora } from "@/components/hooks/use-dora";
import { DORA_BANDS, type PerformanceBand } from "@/lib/dora/bands";
import type { DoraFigures, DoraReport } from "@/lib/dora/compute";
import { DORA_PERIODS, MIN_FAILURE_CHOICES, type DoraPeriod } from "@/lib/dora/periods";
import { formatDay } from "@/lib/ui/format";


interface Props {
  services: string[];
  environments: string[];
  service: string;
  environment: string;
  period: DoraPeriod;
  /** Minutes a failure must last to count as a change failure. */
  minFailure: string;
}

interface Key {
  id: string;
  band: keyof typeof DORA_BANDS;
  title: string;
  value: (f: DoraFigures) => number | null;
  format: (v: number) => string;
  /** The shorter form for the trend's axis. */
  tick: (v: number) => string;
  /** What the number counts, for the line under it. */
  basis: (f: DoraFigures) => string;
  lowerIsBetter: boolean;
}

const KEYS: Key[] = [
  {
    id: "deploymentFrequencyPerDay",
    band: "deploymentFrequency",
    title: "Deployment frequency",
    value: (f) => f.deploymentFrequencyPerDay,
    format: (v) => `${v.toFixed(v >= 10 ? 0 : 1)} / day`,
    tick: (v) => String(+v.toFixed(1)),
    basis: (f) =>
      `${f.counts.deploys} deploys · ${f.deployDaysPerWeek === null ? "–" : f.deployDaysPerWeek.toFixed(1)} deploy days / week${f.frequencyBucket ? ` · Four Keys: ${f.frequencyBucket}` : ""}`,
    lowerIsBetter: false,
  },
  {
    id: "leadTimeForChangesHours",
    band: "leadTime",
    title: "Lead time for changes",
    value: (f) => f.leadTimeForChangesHours,
    format: hours,
    tick: (v) => `${+v.toFixed(1)}h`,
    basis: (f) => `median, commit → deploy, over ${f.counts.leadTimes} deploys with a build`,
    lowerIsBetter: true,
  },
  {
    id: "changeFailureRate",
    band: "changeFailureRate",
    title: "Change failure rate",
    value: (f) => f.changeFailureRate,
    format: (v) => `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`,
    tick: (v) => `${Math.round(v * 100)}%`,
    basis: (f) => `${f.counts.failedDeploys} of ${f.counts.finishedDeploys} finished deploys failed, rolled back or failed their verdict`,
    lowerIsBetter: true,
  },
  {
    id: "timeToRestoreHours",
    band: "timeToRestore",
    title: "Time to restore",
    value: (f) => f.timeToRestoreHours,
    format: hours,
    tick: (v) => `${+v.toFixed(1)}h`,
    basis: (f) => (f.counts.failedDeploys === 0 ? "nothing failed" : `median over ${f.counts.restored} restored failures`),
    lowerIsBetter: true,
  },
];

export function DoraView({ services, environments, service, environment, period, minFailure }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = useDora({ service, environment, from: `-${period}`, to: "now", minFailureMinutes: minFailure });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    next.set(key, value);
    router.push(`${pathname}?${next}`, { scroll: false });
  };
  const report = query.data;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Delivery</h1>
          <p className="text-sm text-slate-500">DORA&apos;s four keys from the recorded deploys, builds, rollbacks and verdicts</p>
        </div>
        <div className="flex flex-wrap items-end gap-3 text-sm">
          <Select label="service" value={service} options={services} onChange={(v) => set("service", v)} />
          <Select label="environment" value={environment} options={environments} onChange={(v) => set("environment", v)} />
          <Select label="failures lasting at least (min)" value={minFailure} options={[...MIN_FAILURE_CHOICES]} onChange={(v) => set("minFailure", v)} />
          <div className="inline-flex items-center gap-1 rounded-md border border-slate-200 bg-white p-0.5" role="group" aria-label="period">
            {DORA_PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                onClick={() => set("period", p)}
                aria-pressed={period === p}
                className={`rounded px-2 py-0.5 ${period === p ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100"}`}
              >
                {p}
              </button>
            ))}
          </div>
        </div>
      </div>
      {query.error ? (
        <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not load the figures: {query.error.message}</p>
      ) : !report ? (
        <p className="text-sm text-slate-400">loading…</p>
      ) : report.counts.deploys === 0 && report.counts.rollbacks === 0 ? (
        <EmptyState title={`No deploys of ${service} to ${environment} in the last ${period}`}>Pick another service, environment or a longer period.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {KEYS.map((key) => (
            <KeyCard key={key.id} figure={key} report={report} />
          ))}
        </div>
      )}
    </div>
  );
}

const BAND_TONE: Record<PerformanceBand, string> = {
  elite: "bg-emerald-100 text-emerald-800",
  high: "bg-sky-100 text-sky-800",
  medium: "bg-amber-100 text-amber-800",
  low: "bg-red-100 text-red-800",
};

function KeyCard({ figure, report }: { figure: Key; report: DoraReport }) {
  const value = figure.value(report);
  const band = report.bands[figure.band];
  const trend = report.trend.map((t) => ({ at: t.from, value: t.hasData ? figure.value(t) : null }));
  // Buckets before the first recorded deploy are "no data", not zero: shaded, without a value.
  const noData = report.trend.filter((t) => !t.hasData);
  const known = trend.filter((t) => t.value !== null);
  const first = known[0]?.value ?? null;
  const last = known.at(-1)?.value ?? null;
  const change = first !== null && last !== null && known.length > 1 ? last - first : null;
  const improving = change === null || change === 0 ? null : figure.lowerIsBetter ? change < 0 : change > 0;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-dora-key={figure.id}>
      <h2 className="text-sm font-medium uppercase tracking-wide text-slate-500">{figure.title}</h2>
      <div className="mt-1 flex items-baseline gap-3">
        <span className="text-4xl font-semibold tabular-nums text-slate-900">{value === null ? "–" : figure.format(value)}</span>
        {improving !== null && (
          <span className={`text-sm ${improving ? "text-emerald-700" : "text-red-700"}`}>{improving ? "improving" : "getting worse"} over the period</span>
        )}
      </div>
      <p className="text-xs text-slate-500">{figure.basis(report)}</p>
      <p className="mt-1 text-xs text-slate-600" data-dora-band={band ?? ""}>
        {band && <span className={`mr-1 rounded px-1.5 py-0.5 font-medium ${BAND_TONE[band]}`}>{band}</span>}
        State of DevOps 2024: {(["elite", "high", "medium", "low"] as const).map((b) => `${b} ${DORA_BANDS[figure.band].described[b]}`).join(" · ")}
      </p>
      <div className="mt-2 h-24">
        {known.length === 0 ? (
          <p className="flex h-full items-center justify-center text-xs text-slate-400">no trend: nothing to measure in this period</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={trend} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <XAxis
                dataKey="at"
                type="number"
                domain={["dataMin", "dataMax"]}
                tick={{ fontSize: 10, fill: "#64748b" }}
                tickFormatter={(ts: number) => formatDay(ts)}
                height={18}
              />
              <YAxis width={40} tick={{ fontSize: 10, fill: "#64748b" }} tickFormatter={(v: number) => figure.tick(v)} domain={[0, "auto"]} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(ts) => `from ${new Date(Number(ts)).toLocaleDateString("en-GB", { month: "short", day: "numeric" })}`}
                formatter={(v) => (v === null || v === undefined ? "no data" : figure.format(Number(v)))}
                contentStyle={{ fontSize: 11 }}
              />
              {noData.length > 0 && (
                <ReferenceArea x1={noData[0].from} x2={noData.at(-1)!.to} fill="#e2e8f0" fillOpacity={0.6} label={{ value: "no data", fontSize: 10, fill: "#64748b" }} />
              )}
              <Line dataKey="value" name={figure.title} type="monotone" stroke="#4f46e5" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}

function hours(v: number): string {
  if (v < 1) return `${Math.round(v * 60)} min`;
  if (v < 48) return `${v.toFixed(1)} h`;
  return `${(v / 24).toFixed(1)} d`;
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  const all = options.includes(value) ? options : [value, ...options];
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-500">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800">
        {all.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
