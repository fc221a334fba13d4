"use client";

import { Link } from "@/components/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CrosshairProvider } from "@/components/charts/crosshair";
import { DeployLegend } from "@/components/charts/deploy-legend";
import { CommandExample } from "@/components/command-example";
import { DeployFilters } from "@/components/deploy-filters";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { useDeployments } from "@/components/hooks/use-deployments";
import { useDrift } from "@/components/hooks/use-drift";
import { useSave } from "@/components/hooks/use-save";
import type { SeriesResponse } from "@/components/hooks/use-series";
import { useTimeRange } from "@/components/hooks/use-time-range";
import { RunningVersions } from "@/components/running-versions";
import { LazyMetricPanel } from "@/components/service/metric-panel";
import { TimeRangePicker } from "@/components/time-range-picker";
import { TimeShortcuts } from "@/components/time-shortcuts";
import type { DeploymentView } from "@/lib/deploys/present";
import type { DriftReport } from "@/lib/deploys/running-version/drift";
import { searchNames } from "@/lib/metrics/search";
import { filteredChart, type ServiceChart } from "@/lib/services/service-charts";

/** What the server already read for the first render (see page.tsx). */
export interface InitialData {
  now: number;
  from: number;
  to: number;
  /** The `by` and `labels` the series were read with ("" for none). */
  by: string;
  labels: string;
  deployments: { deployments: DeploymentView[]; total: number };
  series: Record<string, SeriesResponse>;
}

interface Props {
  service: string;
  /** One chart per metric name, each with the selector it reads before the page's label filter. */
  metrics: ServiceChart[];
  /** The service's pinned metrics (a service setting), drawn first. */
  keyMetrics: string[];
  environments: string[];
  hasDeploys: boolean;
  /** The versions the service reports per environment, against its last recorded deploys. */
  drift: DriftReport;
  /** Points per series each chart asks for: the server's CHART_MAX_POINTS, as its first reads. */
  chartMaxPoints: number;
  initial?: InitialData;
}

const NO_DEPLOYS: DeploymentView[] = [];

export function ServiceDashboard({ service, metrics: unfiltered, keyMetrics, environments, hasDeploys, drift, chartMaxPoints, initial }: Props) {
  const range = useTimeRange("-24h", initial?.now);
  const labels = range.params.get("labels") ?? "";
  const metrics = useMemo(() => unfiltered.map((m) => filteredChart(m, labels)), [unfiltered, labels]);
  const sameView = initial && initial.from === range.from && initial.to === range.to && initial.by === (range.params.get("by") ?? "") && initial.labels === labels;
  const fresh = sameView ? initial : undefined;
  const hide = range.params.get("hide") ?? "";
  const hiddenEnvs = useMemo(() => new Set(hide.split(",").filter(Boolean)), [hide]);
  const showDeploys = !hiddenEnvs.has("kind:deploy");
  const showRollbacks = !hiddenEnvs.has("kind:rollback");
  const drawBands = range.params.get("draw") !== "line";
  const q = range.params.get("q") ?? "";
  const by = range.params.get("by") || undefined;
  const [pinned, setPinned] = useState(keyMetrics);
  const settings = useSave(`/api/v1/services/${encodeURIComponent(service)}/settings`);
  const running = useDrift(service, drift).data?.drift ?? drift.drift;
  const deploysQuery = useDeployments({ service, from: range.from, to: range.to }, fresh?.deployments);
  const all = deploysQuery.data?.deployments ?? NO_DEPLOYS;
  const total = deploysQuery.data?.total ?? all.length;
  // Memoized, like the callbacks below: each chart is redrawn only when what it shows changes.
  const visible = useMemo(
    () => all.filter((d) => !hiddenEnvs.has(d.environment) && (d.kind === "rollback" ? showRollbacks : showDeploys)),
    [all, hiddenEnvs, showDeploys, showRollbacks],
  );
  const toggle = (key: string) => {
    const next = new Set(hiddenEnvs);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    range.setParams({ hide: next.size ? [...next].join(",") : null });
  };
  // Read through a ref, so the pin callback every panel holds stays one function as pins change.
  const pinnedNow = useRef(pinned);
  useEffect(() => {
    pinnedNow.current = pinned;
  }, [pinned]);
  const save = settings.save;
  const pin = useCallback(
    async (name: string) => {
      const current = pinnedNow.current;
      const next = current.includes(name) ? current.filter((n) => n !== name) : [...current, name];
      if (await save({ keyMetrics: next })) setPinned(next);
    },
    [save],
  );
  const setRange = range.setRange;
  const zoom = useCallback((f: number, t: number) => setRange(Math.round(f), Math.round(t)), [setRange]);
  const byName = new Map(metrics.map((m) => [m.name, m]));
  const keyPanels = pinned.map((n) => byName.get(n)).filter((m) => m !== undefined);
  const matching = searchNames(metrics, q).matches.filter((m) => !pinned.includes(m.name));
  const panel = (m: ServiceChart) => (
    <LazyMetricPanel
      key={m.selector}
      metric={m}
      by={by}
      maxPoints={chartMaxPoints}
      from={range.from}
      to={range.to}
      deploys={visible}
      initial={fresh?.series[m.name]}
      drawBands={drawBands}
      laneOrder={environments}
      pinned={pinned.includes(m.name)}
      onPin={pin}
      onZoom={zoom}
    />
  );

  return (
    <CrosshairProvider>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
              <h1 className="text-2xl font-semibold tracking-tight">{service}</h1>
              <RunningVersions views={running} />
            </div>
            <p className="text-sm text-slate-500">
              <LocalTime ts={range.from} /> → <LocalTime ts={range.to} /> · {visible.length} of {total} deploys shown · {metrics.length} metrics
              {deploysQuery.isFetching && <span className="ml-2 text-slate-400">refreshing…</span>}
            </p>
            {total > all.length && (
              <p className="text-sm text-amber-700" data-cut-deploys>
                Only the latest {all.length} of {total} deploys in this range are drawn (the API's limit): narrow the range to see all.
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <TimeRangePicker fromText={range.fromText} toText={range.toText} onChange={range.setRange} />
            <TimeShortcuts from={range.from} to={range.to} onChange={(f, t) => range.setRange(f, t)} />
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
        <div className="space-y-2 rounded-md border border-slate-200 bg-white px-3 py-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <DeployFilters
              environments={environments}
              hiddenEnvironments={hiddenEnvs}
              showDeploys={showDeploys}
              showRollbacks={showRollbacks}
              onToggleEnvironment={toggle}
              onToggleKind={(kind) => toggle(`kind:${kind}`)}
            />
            <div className="flex items-center gap-3 text-xs text-slate-500">
              <label className="inline-flex items-center gap-1" title="downsampled ranges: the min/max of each bucket as a band, or a plain line through the points">
                <input type="checkbox" checked={drawBands} onChange={() => range.setParams({ draw: drawBands ? "line" : null })} data-draw-toggle />
                min/max band
              </label>
              <LabelControls labels={labels} by={by ?? ""} onChange={(next) => range.setParams(next)} />
              <span>drag to zoom · hover for values in every chart · press ? for keys</span>
            </div>
          </div>
          <DeployLegend environments={environments} />
        </div>
        {metrics.length === 0 ? (
          <EmptyState title={`No metrics for ${service} yet`}>
            Metrics whose names start with <code>{service}.</code>, and series labelled <code>service=&quot;{service}&quot;</code> (OTLP&apos;s{" "}
            <code>service.name</code>), appear here as soon as they are written, e.g.
            <CommandExample>{`deploylines send ${service}.api.latency.p95 42`}</CommandExample>
            {hasDeploys ? "Deploys are recorded already." : null}
          </EmptyState>
        ) : (
          <>
            {settings.error && <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">Could not pin: {settings.error} — sign in to change key metrics.</p>}
            <section aria-label="key metrics" className="space-y-2">
              <h2 className="text-sm font-medium text-slate-600">Key metrics</h2>
              {keyPanels.length === 0 ? (
                <p className="text-sm text-slate-400">None pinned yet: pin a chart with ☆ and it is shown here first, for everyone.</p>
              ) : (
                <div className="grid gap-4 lg:grid-cols-2">{keyPanels.map(panel)}</div>
              )}
            </section>
            <section aria-label="all metrics" className="space-y-2">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-sm font-medium text-slate-600">
                  {q ? `${matching.length} of ${metrics.length - keyPanels.length} other metrics match` : `All other metrics (${matching.length})`}
                </h2>
                <input
                  type="search"
                  defaultValue={q}
                  onChange={(e) => range.setParams({ q: e.target.value || null })}
                  placeholder={`search ${service}'s metrics: text or a glob`}
                  aria-label="search this service's metrics"
                  className="w-80 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
                />
              </div>
              <div className="grid gap-4 lg:grid-cols-2">{matching.map(panel)}</div>
            </section>
          </>
        )}
      </div>
    </CrosshairProvider>
  );
}

/**
 * The page's label filter (`labels=route="/login"`, matchers added to every chart's selector) and
 * grouping (`by=status`, each chart summed per value of that label), both kept in the URL.
 */
function LabelControls({ labels, by, onChange }: { labels: string; by: string; onChange: (next: Record<string, string | null>) => void }) {
  return (
    <span className="inline-flex items-center gap-2">
      <ParamInput
        value={labels}
        onApply={(value) => onChange({ labels: value })}
        placeholder='labels: route="/login"'
        label="label filter, PromQL matchers"
        title='label matchers added to every chart, e.g. route="/login",status=~"5.." (Enter applies)'
        className="w-48"
        data-label-filter
      />
      <ParamInput
        value={by}
        onApply={(value) => onChange({ by: value })}
        placeholder="by label"
        label="sum each chart per value of this label"
        title="sum each chart's series per value of this label, e.g. status (Enter applies)"
        className="w-24"
        data-group-by
      />
    </span>
  );
}

/** A text field for one URL parameter, applied on Enter or when it loses focus (null when emptied). */
function ParamInput({ value, onApply, label, className, ...rest }: { value: string; onApply: (value: string | null) => void; label: string; placeholder: string; title: string; className: string } & Record<`data-${string}`, boolean>) {
  const apply = (text: string) => text.trim() !== value && onApply(text.trim() || null);
  return (
    <input
      type="search"
      defaultValue={value}
      onKeyDown={(e) => e.key === "Enter" && apply(e.currentTarget.value)}
      onBlur={(e) => apply(e.currentTarget.value)}
      aria-label={label}
      className={`${className} rounded border border-slate-300 bg-white px-2 py-0.5 font-mono`}
      {...rest}
    />
  );
}
