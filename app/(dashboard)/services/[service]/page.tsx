import type { Metadata } from "next";
import { presentDeployment } from "@/lib/deploys/present";
import { CHART_MAX_POINTS } from "@/lib/series/query-schema";
import { readSeries } from "@/lib/series/read-series";
import { getStore } from "@/lib/store";
import { parseTime } from "@/lib/time/parse-time";
import { ServiceDashboard, type InitialData } from "./client";
import { pageSegment } from "@/lib/http/page-segment";

export const dynamic = "force-dynamic";

/** Charts read on the server for the first render: about a screenful. */
const FIRST_DRAWN = 6;

type Props = { params: Promise<{ service: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: pageSegment((await params).service) };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const service = pageSegment((await params).service);
  const query = await searchParams;
  const store = await getStore();
  const [metrics, environments, seen, row] = await Promise.all([
    store.listMetrics({ prefix: `${service}.` }),
    store.listEnvironments(),
    store.listDeployments({ service, limit: 1000 }),
    store.getService(service),
  ]);
  const known = new Set(metrics.map((m) => m.name));
  const keyMetrics = (row?.keyMetrics ?? []).filter((name) => known.has(name));
  const envNames = new Set(environments.map((e) => e.name));
  for (const d of seen) envNames.add(d.environment);
  // Only the charts at the top arrive drawn; the rest load as they scroll into view.
  const firstDrawn = [...keyMetrics, ...metrics.map((m) => m.name).filter((n) => !keyMetrics.includes(n))].slice(0, FIRST_DRAWN);
  const initial = await initialData(service, firstDrawn, query);
  return (
    <ServiceDashboard
      service={service}
      metrics={metrics.map((m) => ({ name: m.name, unit: m.unit }))}
      keyMetrics={keyMetrics}
      environments={[...envNames]}
      hasDeploys={seen.length > 0}
      initial={initial}
    />
  );
}

/**
 * The charts' first data, read here so the page arrives drawn instead of fetching after
 * hydration; the client takes over (and refreshes) with the same query keys.
 */
async function initialData(service: string, metrics: string[], query: Record<string, string | string[] | undefined>): Promise<InitialData | undefined> {
  const now = Date.now();
  const from = parseTime(typeof query.from === "string" ? query.from : "-24h", now);
  const to = parseTime(typeof query.to === "string" ? query.to : "now", now);
  if (from === null || to === null || from >= to) return undefined;
  const store = await getStore();
  const [deployments, total, series] = await Promise.all([
    store.listDeployments({ service, from, to, limit: 5000 }),
    store.countDeployments({ service, from, to }),
    Promise.all(metrics.map(async (metric) => ({ from, to, ...(await readSeries(store, { metric, from, to, maxPoints: CHART_MAX_POINTS })) }))),
  ]);
  return { now, from, to, deployments: { deployments: deployments.map(presentDeployment), total }, series: Object.fromEntries(metrics.map((m, i) => [m, series[i]])) };
}
