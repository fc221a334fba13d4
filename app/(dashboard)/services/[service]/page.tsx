import type { Metadata } from "next";
import { presentDeployment } from "@/lib/deploys/present";
import { driftReport } from "@/lib/deploys/running-version/drift-report";
import { CHART_MAX_POINTS } from "@/lib/series/query-schema";
import { filteredChart, serviceCharts, serviceLabelsOf, type ServiceChart } from "@/lib/services/service-charts";
import { getMetricsSource } from "@/lib/metrics-source";
import { getStore } from "@/lib/store";
import { parseTime } from "@/lib/time/parse-time";
import { ServiceDashboard, type InitialData } from "./client";
import { pageSegment } from "@/lib/http/page-segment";

export const dynamic = "force-dynamic";

/**
 * Charts read on the server, which draws them into its HTML (SeriesPreview): two screenfuls of a
 * laptop, one of a standup TV or a portrait monitor. The rest load as they scroll into view.
 */
const FIRST_DRAWN = 12;

type Props = { params: Promise<{ service: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pageSegment((await params).service) };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const service = pageSegment((await params).service);
  const query = await searchParams;
  const [store, source] = await Promise.all([getStore(), getMetricsSource()]);
  const [metrics, environments, seen, row, drift] = await Promise.all([
    source.serviceSeries(service),
    store.listEnvironments(),
    store.listDeployments({ service, limit: 1000 }),
    store.getService(service),
    driftReport(store, { service }),
  ]);
  const labelFilter = typeof query.labels === "string" ? query.labels : "";
  const by = typeof query.by === "string" && query.by !== "" ? query.by : undefined;
  // Unfiltered for the browser, which adds the label filter itself as it changes; filtered for the first reads.
  const charts = serviceCharts(service, metrics, "", serviceLabelsOf(source));
  const known = new Set(charts.map((c) => c.name));
  const keyMetrics = (row?.keyMetrics ?? []).filter((name) => known.has(name));
  const envNames = new Set(environments.map((e) => e.name));
  for (const d of seen) envNames.add(d.environment);
  // Only the charts at the top arrive drawn; the rest load as they scroll into view.
  const ordered = [...keyMetrics.map((name) => charts.find((c) => c.name === name)!), ...charts.filter((c) => !keyMetrics.includes(c.name))];
  const initial = await initialData(service, ordered.slice(0, FIRST_DRAWN).map((c) => filteredChart(c, labelFilter)), query, by);
  return (
    <ServiceDashboard
      service={service}
      metrics={charts}
      keyMetrics={keyMetrics}
      environments={[...envNames]}
      hasDeploys={seen.length > 0}
      drift={drift}
      chartMaxPoints={CHART_MAX_POINTS}
      initial={initial}
    />
  );
}

/**
 * The charts' first data, read here so the page arrives drawn instead of fetching after
 * hydration; the client takes over (and refreshes) with the same query keys.
 */
async function initialData(service: string, charts: ServiceChart[], query: Record<string, string | string[] | undefined>, by: string | undefined): Promise<InitialData | undefined> {
  const now = Date.now();
  const from = parseTime(typeof query.from === "string" ? query.from : "-24h", now);
  const to = parseTime(typeof query.to === "string" ? query.to : "now", now);
  if (from === null || to === null || from >= to) return undefined;
  const [store, source] = await Promise.all([getStore(), getMetricsSource()]);
  const [deployments, total, series] = await Promise.all([
    store.listDeployments({ service, from, to, limit: 5000 }),
    store.countDeployments({ service, from, to }),
    // A chart whose read failed (a selector the page's filter made invalid, a backend error) gets no first data: its panel fetches again and shows the error.
    Promise.all(charts.map(async (c) => source.readSeries({ metric: c.selector, from, to, maxPoints: CHART_MAX_POINTS, by }).then((read) => ({ from, to, ...read }), () => undefined))),
  ]);
  const drawn = charts.flatMap((c, i) => (series[i] ? [[c.name, series[i]] as const] : []));
  return { now, from, to, by: by ?? "", labels: typeof query.labels === "string" ? query.labels : "", deployments: { deployments: deployments.map(presentDeployment), total }, series: Object.fromEntries(drawn) };
}
