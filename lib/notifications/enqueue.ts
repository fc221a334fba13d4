import "server-only";
import { readEnv } from "@/lib/config/env";
import type { Drifting } from "@/lib/deploys/running-version/drift";
import type { DeploymentRow, Store } from "@/lib/store/types";
import type { Notification, NotificationEvent } from "./events";

const NOTIFIED_VERDICTS = new Set(["failed", "degraded", "inconclusive"]);
/**
 * A verdict reached longer than this after its window closed is old news — a re-judging after a
 * criteria change, or a deploy recorded after the fact — and is not sent: a criteria change must
 * not replay a month of failures into a chat channel.
 */
export const STALE_VERDICT_MS = 3_600_000;

/** An absolute link when the server knows its public URL, else a path. */
function link(path: string): string {
  const base = readEnv().DEPLOYLINES_PUBLIC_URL;
  return base ? `${base.replace(/\/+$/, "")}${path}` : path;
}

/** Queues a notification for every webhook that takes it: a row in the outbox, nothing sent here, so judging never waits on a receiver. */
export async function notify(store: Store, notification: Notification): Promise<number> {
  return store.enqueueDeliveries(notification.event, notification.service, notification, notification.at);
}

function deploymentNotification(event: NotificationEvent, row: DeploymentRow, text: string): Notification {
  return {
    event,
    service: row.service,
    at: Date.now(),
    text,
    url: link(`/deployments/${row.id}`),
    deployment: { id: row.id, environment: row.environment, version: row.version, previousVersion: row.previousVersion, verdict: row.verdictStatus },
  };
}

/** Tells receivers about a stored verdict that is failed, degraded or inconclusive, unless it is stale (see STALE_VERDICT_MS). */
export async function notifyVerdict(store: Store, row: DeploymentRow, now = Date.now()): Promise<void> {
  if (!NOTIFIED_VERDICTS.has(row.verdictStatus)) return;
  const closed = (row.verdict as { windowEndsAt?: number } | null)?.windowEndsAt;
  if (closed !== undefined && now - closed > STALE_VERDICT_MS) return;
  const verdict = row.verdict as { evidence?: { passed: boolean | null; metric: string; reason?: string }[]; reason?: string } | null;
  const evidence = (verdict?.evidence ?? []).filter((e) => e.passed !== true);
  // A verdict without evidence (a failed rollout, not judged on metrics) says why in `reason`.
  const why = evidence.length > 0 ? evidence.slice(0, 3).map((e) => `${e.metric}: ${e.reason ?? "not passed"}`).join("; ") : (verdict?.reason ?? "");
  const text = `${row.service} ${row.version} in ${row.environment}: verdict ${row.verdictStatus}${why ? ` (${why})` : ""}`;
  await notify(store, deploymentNotification(`verdict.${row.verdictStatus}` as NotificationEvent, row, text));
}

/** Tells receivers a rollback was recorded. */
export async function notifyRollback(store: Store, row: DeploymentRow): Promise<void> {
  const text = `${row.service} in ${row.environment} rolled back${row.previousVersion ? ` from ${row.previousVersion}` : ""} to ${row.version}${row.reason ? `: ${row.reason}` : ""}`;
  await notify(store, deploymentNotification("rollback.recorded", row, text));
}

/** Tells receivers a dark launch's readiness verdict changed. */
export async function notifyReadiness(store: Store, service: string, candidateVersion: string | null, readiness: string, previous: string | null): Promise<void> {
  await notify(store, {
    event: "dark_launch.readiness",
    service,
    at: Date.now(),
    text: `${service} dark launch${candidateVersion ? ` of ${candidateVersion}` : ""}: ${previous ?? "unknown"} → ${readiness}`,
    url: link(`/dark-launch?service=${encodeURIComponent(service)}`),
    darkLaunch: { candidateVersion, readiness, previous },
  });
}

/** Tells receivers a service started drifting: it runs a version other than the last recorded deploy's. */
export async function notifyDrift(store: Store, view: Drifting): Promise<void> {
  await notify(store, {
    event: "version.drift",
    service: view.service,
    at: Date.now(),
    text: `${view.service} in ${view.environment} runs ${view.running}, not ${view.deployed} (the last recorded deploy), since ${new Date(view.driftSince).toISOString()}`,
    url: link(`/services/${encodeURIComponent(view.service)}`),
    drift: { environment: view.environment, running: view.running, deployed: view.deployed, deploymentId: view.deploymentId, driftSince: view.driftSince },
  });
}
