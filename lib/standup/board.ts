import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { darkLaunchOverviews } from "@/lib/dark-launch/overview";
import { presentDeployment, type DeploymentView } from "@/lib/deploys/present";
import type { Point, Store } from "@/lib/store/types";
import { pickKeyMetrics } from "./key-metrics";
import { liveVersions, type LiveVersion } from "@/lib/deploys/live-versions";

const DAY_MS = 86_400_000;
// A TV chart's plot is ~750 px wide; min/max pairs every few pixels keep spikes without a solid band.
const MAX_POINTS = 160;

export interface StandupBoard {
  service: string;
  from: number;
  to: number;
  live: LiveVersion[];
  /** `bucketMs` as the series API gives it: the points are min/max pairs per bucket from `from`. */
  charts: { metric: string; unit: string | null; points: Point[]; bucketMs: number | null }[];
  /** Deploys and rollbacks that started in [from, to], newest first. */
  deploys: DeploymentView[];
  darkLaunch: { candidateVersion: string | null; mirrored: number; matchRate: number | null; readiness: string } | null;
}

/**
 * One service's last day for the standup screen: its key charts (see `pickKeyMetrics`), the
 * deploys that started in it, what is live per environment, and the dark launch's match rate.
 */
export async function standupBoard(store: Store, service: string, now = Date.now()): Promise<StandupBoard> {
  const from = now - DAY_MS;
  const [metrics, environments, recent, launches] = await Promise.all([
    metricsSourceFor(store).seriesByService(service).then((byService) => byService.get(service) ?? []),
    store.listEnvironments(),
    store.listDeployments({ service, limit: 500 }),
    store.listDarkLaunches(),
  ]);
  const charts = await Promise.all(
    pickKeyMetrics(metrics).map(async (m) => {
      const { points, bucketMs } = await metricsSourceFor(store).downsampled(m, from, now, MAX_POINTS);
      return { metric: m.name, unit: m.unit, points, bucketMs };
    }),
  );
  const envNames = [...new Set([...environments.map((e) => e.name), ...recent.map((d) => d.environment)])];
  const live = liveVersions(recent, envNames);
  const darkLaunch = launches.some((d) => d.service === service) ? (await darkLaunchOverviews(store, now)).find((d) => d.service === service) : undefined;
  return {
    service,
    from,
    to: now,
    live,
    charts,
    deploys: recent.filter((d) => d.startedAt >= from && d.startedAt <= now).map(presentDeployment),
    darkLaunch: darkLaunch
      ? { candidateVersion: darkLaunch.candidateVersion, mirrored: darkLaunch.mirrored, matchRate: darkLaunch.matchRate, readiness: darkLaunch.readiness.status }
      : null,
  };
}
