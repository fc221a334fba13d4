"use client";

import { Link } from "@/components/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { OverlayChart } from "@/components/charts/overlay-chart";
import { LazyMount } from "@/components/lazy-mount";
import { EmptyState } from "@/components/empty-state";
import { useCompare } from "@/components/hooks/use-compare";
import type { DeployComparison, MetricComparison } from "@/lib/compare/compare-deploys";
import { formatChange, formatPValue, formatValue } from "@/lib/ui/format";
import { LocalTime, useLocalTimeFormat } from "@/components/local-time";
import { namedFew } from "@/lib/ui/named-few";

const COLOR_A = "#64748b";
const COLOR_B = "#4f46e5";
const WINDOWS = [15, 30, 60, 120, 240];
/** An overlay chart's height (OverlayChart's default), held by its placeholder until it mounts. */
const COMPARE_CHART_HEIGHT = 140;

interface DeployOption {
  id: number;
  version: string;
  kind: string;
  status: string;
  startedAt: number;
}

interface Props {
  service: string;
  environments: string[];
  environment: string;
  a: string;
  b: string;
  windowMinutes: number;
  deploys: DeployOption[];
}

export function CompareView({ service, environments, environment, a, b, windowMinutes, deploys }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = useCompare({ service, a, b, environment, windowMinutes });
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    router.push(`${pathname}?${next}`, { scroll: false });
  };
  const data = query.data;
  const localTime = useLocalTimeFormat();

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{service} · compare versions</h1>
          <p className="text-sm text-slate-500">the service&apos;s metrics over equal windows after each deploy, aligned as minutes since the deploy finished</p>
        </div>
        <Link href={`/services/${encodeURIComponent(service)}`} className="text-sm text-indigo-700 hover:underline">
          ← {service} dashboard
        </Link>
      </div>

      <form className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" onSubmit={(e) => e.preventDefault()}>
        <Picker label="environment" value={environment} onChange={(v) => set({ environment: v, a: null, b: null })} options={environments.map((e) => ({ value: e, label: e }))} />
        <Picker label="A (before)" value={a} onChange={(v) => set({ a: v })} options={deployOptions(deploys, a, localTime)} color={COLOR_A} />
        <Picker label="B (after)" value={b} onChange={(v) => set({ b: v })} options={deployOptions(deploys, b, localTime)} color={COLOR_B} />
        <Picker label="window after each" value={String(windowMinutes)} onChange={(v) => set({ windowMinutes: v })} options={WINDOWS.map((w) => ({ value: String(w), label: `${w} min` }))} />
        {query.isFetching && <span className="text-xs text-slate-400">comparing…</span>}
      </form>

      {deploys.length === 0 ? (
        <EmptyState title={`No deploys of ${service} in ${environment}`}>Pick another environment, or record deploys to compare.</EmptyState>
      ) : !a || !b ? (
        <EmptyState title="Pick two deploys">Choose a deploy (or version) for A and for B to compare them.</EmptyState>
      ) : query.error ? (
        <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">Could not compare: {query.error.message}</p>
      ) : !data ? (
        <p className="text-sm text-slate-400">loading…</p>
      ) : (
        <>
          <Summary data={data} />
          {data.metrics.length === 0 ? (
            <EmptyState title={`No metrics for ${service}`}>Metrics named {service}.* appear here once they are written.</EmptyState>
          ) : (
            <>
              <MetricTable metrics={data.metrics} />
              <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
                {data.metrics.map((m) => (
                  <section key={m.metric} className="rounded-lg border border-slate-200 bg-white p-2 shadow-sm" data-compare-metric={m.metric}>
                    <div className="flex items-baseline justify-between gap-2 px-1">
                      <h3 className="truncate font-mono text-xs text-slate-800" title={m.metric}>
                        {m.metric}
                      </h3>
                      <span className={`shrink-0 text-xs ${m.regression ? "text-red-700" : "text-slate-500"}`}>{formatChange(m.changePct)}</span>
                    </div>
                    <LazyMount minHeight={COMPARE_CHART_HEIGHT}>
                      <OverlayChart
                        minutes={data.effectiveMinutes || data.windowMinutes}
                        unit={m.unit}
                        series={[
                          { name: `A ${data.a.deployment.version}`, color: COLOR_A, points: m.series.a },
                          { name: `B ${data.b.deployment.version}`, color: COLOR_B, points: m.series.b },
                        ]}
                      />
                    </LazyMount>
                  </section>
                ))}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** How many of the worse metrics the summary names (a labelled service can regress on dozens of series at once); the table below has them all. */
const NAMED_WORSE = 4;

function Summary({ data }: { data: DeployComparison }) {
  const worse = data.metrics.filter((m) => m.regression);
  const better = data.metrics.filter((m) => m.significant && !m.regression && m.polarity !== "unknown");
  const other = data.metrics.length - worse.length - better.length;
  const { a, b } = data;
  const answer = worse.length > 0 ? "worse" : better.length > 0 ? "better" : "no different";
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-compare-answer={answer}>
      <p className="text-lg">
        <span className="font-mono font-semibold" style={{ color: COLOR_B }}>
          {b.deployment.version}
        </span>{" "}
        is{" "}
        <b className={worse.length > 0 ? "text-red-700" : better.length > 0 ? "text-emerald-700" : "text-slate-700"}>{answer}</b>
        {answer === "no different" ? " from " : " than "}
        <span className="font-mono font-semibold" style={{ color: COLOR_A }}>
          {a.deployment.version}
        </span>
      </p>
      <p className="mt-1 text-sm text-slate-600">
        worse on {worse.length} metric{worse.length === 1 ? "" : "s"}
        {worse.length > 0 && ` (${namedFew(worse.map((m) => m.metric), NAMED_WORSE, "below")})`}, better on {better.length}, no significant change on {other} · {data.effectiveMinutes} min after
        each deploy (A: #{a.deployment.id} at <LocalTime ts={a.window.from} />, B: #{b.deployment.id} at <LocalTime ts={b.window.from} />)
        {data.cut && ` — cut from ${data.windowMinutes} min: ${data.cut}`}
      </p>
      {apartInDay(a.window.from, b.window.from) > 90 * 60_000 && (
        <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-800">
          A and B went out at different times of day: daily traffic alone can move load-driven metrics (requests, CPU, latency). Compare deploys made
          at a similar hour, or read these changes with that in mind.
        </p>
      )}
    </section>
  );
}

function MetricTable({ metrics }: { metrics: MetricComparison[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">metric</th>
            <th className="py-1 pr-3 text-right font-medium">median A</th>
            <th className="py-1 pr-3 text-right font-medium">median B</th>
            <th className="py-1 pr-3 text-right font-medium">change</th>
            <th className="py-1 pr-3 text-right font-medium">p-value</th>
            <th className="py-1 font-medium">B vs A</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {metrics.map((m) => (
            <tr key={m.metric} className={m.regression ? "bg-red-50/60" : undefined}>
              <td className="py-1.5 pr-3 font-mono text-xs">
                <span className="break-all">{m.metric}</span>
                {m.reason && <div className="font-sans text-slate-400">{m.reason}</div>}
              </td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatValue(m.medianA, m.unit)}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatValue(m.medianB, m.unit)}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatChange(m.changePct)}</td>
              <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatPValue(m.pValue)}</td>
              <td className="py-1.5">
                {m.regression ? (
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-700">worse</span>
                ) : m.significant && m.polarity !== "unknown" ? (
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-700">better</span>
                ) : m.significant ? (
                  <span className="text-xs text-slate-600">changed {m.direction === "up" ? "↑" : "↓"}</span>
                ) : (
                  <span className="text-slate-400">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How far apart two times are on the 24-hour clock, in ms (0 … 12 h). */
function apartInDay(x: number, y: number): number {
  const day = 86_400_000;
  const diff = Math.abs((x % day) - (y % day));
  return Math.min(diff, day - diff);
}

function deployOptions(deploys: DeployOption[], selected: string, localTime: (ts: number) => string) {
  const options = deploys.map((d) => ({
    value: String(d.id),
    label: `${d.version} · #${d.id} · ${localTime(d.startedAt)}${d.kind === "rollback" ? " (rollback)" : ""}${d.status !== "succeeded" ? ` (${d.status.replace("_", " ")})` : ""}`,
  }));
  // A version typed into the URL is compared as its latest deploy; keep it selectable as such.
  if (selected && !options.some((o) => o.value === selected)) options.unshift({ value: selected, label: `${selected} (latest deploy of it)` });
  if (!selected) options.unshift({ value: "", label: "choose a deploy…" });
  return options;
}

function Picker({ label, value, options, onChange, color }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void; color?: string }) {
  return (
    <label className="flex flex-col gap-0.5 text-xs text-slate-500">
      <span className="flex items-center gap-1">
        {color && <span className="inline-block h-2 w-2 rounded-full" style={{ background: color }} />}
        {label}
      </span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800">
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
