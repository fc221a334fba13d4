import "server-only";
import { readEnv } from "@/lib/config/env";
import type { DeploymentRow, RunningVersionRow, Store } from "@/lib/store/types";
import { DETECTED } from "./detect-rule";
import { assessDrift, type DriftReport, type DriftView } from "./drift";

export interface DriftFilter {
  service?: string;
  environment?: string;
}

const pairOf = (r: { service: string; environment: string }) => `${r.service}\u0000${r.environment}`;

/** Each running version with its drift assessment (see `assessDrift`), by service then environment. */
export async function assessRunningVersions(store: Store, filter: DriftFilter, graceMs: number): Promise<{ row: RunningVersionRow; view: DriftView }[]> {
  const [rows, succeeded, inProgress] = await Promise.all([
    store.listRunningVersions(filter),
    store.latestDeployments({ ...filter, status: "succeeded", excludeSource: DETECTED }),
    store.latestDeployments({ ...filter, status: "in_progress", excludeSource: DETECTED }),
  ]);
  const byPair = (deploys: DeploymentRow[]) => new Map(deploys.map((d) => [pairOf(d), d]));
  const lastSucceeded = byPair(succeeded);
  const running = byPair(inProgress);
  return rows.map((row) => ({ row, view: assessDrift(row, { succeeded: lastSucceeded.get(pairOf(row)), inProgress: running.get(pairOf(row)) }, graceMs) }));
}

/** The drift of every (service, environment) that reported its version, under `DEPLOYLINES_DRIFT_GRACE` unless given. */
export async function driftReport(store: Store, filter: DriftFilter = {}, graceMs = readEnv().DEPLOYLINES_DRIFT_GRACE): Promise<DriftReport> {
  return { graceMs, drift: (await assessRunningVersions(store, filter, graceMs)).map((a) => a.view) };
}
