import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { deploymentImpact, IMPACT_WINDOW_MINUTES } from "@/lib/impact/deployment-impact";
import { isSuspect } from "@/lib/impact/suspect";
import { notifyVerdict } from "@/lib/notifications/enqueue";
import type { PointsFor } from "@/lib/series/raw-points-reader";
import { HELD_LEASE, type Job, type JobLease } from "@/lib/server/jobs";
import { backoffMs } from "@/lib/time/backoff";
import type { DeploymentChanges, DeploymentRow, ServiceRow, Store } from "@/lib/store/types";
import { judgeDeployment } from "./judge-deployment";
import { criteriaOf } from "./service-criteria";

const MINUTE = 60_000;
/** Deploys judged (and, separately, analysed) per run: bounded so a run stays well inside its lease. */
const BATCH = 50;
/** The first retry of a deploy whose judging threw comes after this long, doubling up to an hour. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;

/**
 * Judges deploys whose judgement window has opened (a certain failure is final early; a pass
 * waits for the window to close), and analyses the impact of those whose impact window has
 * closed — including deploys recorded after the fact, which are due at once. Every
 * environment is judged on the service's metrics: metrics are service-wide, not per environment.
 */
export const verdictJob: Job = {
  name: "verdicts",
  everyMs: 15_000,
  run: (store, lease) => judgeDueDeployments(store, Date.now(), BATCH, lease),
};

/** What one run did: results stored, results dropped because the deploy or its criteria changed meanwhile, and deploys whose judging threw. */
export interface JudgeRun {
  verdicts: number;
  impacts: number;
  stale: number;
  errors: number;
}

/** One run of the verdict job. */
export async function judgeDueDeployments(store: Store, now = Date.now(), batch = BATCH, lease: JobLease = HELD_LEASE): Promise<JudgeRun> {
  const pointsFor = metricsSourceFor(store).pointsFor();
  const run: JudgeRun = { verdicts: 0, impacts: 0, stale: 0, errors: 0 };
  let examined = 0;
  for (const service of await store.listServices()) {
    if (examined >= batch) break;
    const due = await store.deploymentsAwaiting({ awaiting: "verdict", service: service.name, openedBefore: now, retryBefore: now, limit: batch - examined });
    for (const deploy of due) {
      if (!(await lease.renew())) return run;
      examined++;
      const judged = await judgeOne(store, service, deploy, pointsFor, now);
      if (judged.outcome === "error") run.errors++;
      if (judged.outcome === "stale") run.stale++;
      if (judged.outcome === "stored") run.verdicts++;
    }
  }
  const due = await store.deploymentsAwaiting({ awaiting: "impact", openedBefore: now - IMPACT_WINDOW_MINUTES * MINUTE, retryBefore: now, limit: batch });
  for (const deploy of due) {
    if (!(await lease.renew())) return run;
    const impact = await attempt(store, deploy, now, () => deploymentImpact(store, deploy, pointsFor, now));
    if (!impact) {
      run.errors++;
      continue;
    }
    const service = await store.getService(deploy.service);
    const stored = await store.updateDeploymentIf(deploy.id, { updatedAt: deploy.updatedAt, criteriaVersion: service?.criteriaVersion ?? 0 }, { impact, suspect: isSuspect(impact), ...CLEARED });
    if (stored) run.impacts++;
    else run.stale++;
  }
  return run;
}

/**
 * Judges one deploy of `service` as read and stores the verdict once it is final — only if
 * neither the deploy nor the criteria changed meanwhile — then queues its notifications.
 * `verdict` is the evaluation (pending or final) for a caller that shows progress.
 */
export async function judgeOne(store: Store, service: ServiceRow, deploy: DeploymentRow, pointsFor: PointsFor, now = Date.now()) {
  const judged = await attempt(store, deploy, now, () => judgeDeployment(store, deploy, criteriaOf(service), pointsFor, now));
  if (!judged) return { outcome: "error" as const, verdict: null, row: undefined };
  if (!judged.changes) return { outcome: "pending" as const, verdict: judged.verdict, row: undefined };
  const row = await store.updateDeploymentIf(deploy.id, { updatedAt: deploy.updatedAt, criteriaVersion: service.criteriaVersion }, { ...judged.changes, ...CLEARED });
  if (row) await notifyVerdict(store, row, now);
  return { outcome: row ? ("stored" as const) : ("stale" as const), verdict: judged.verdict, row };
}

const CLEARED: DeploymentChanges = { judgeError: null, judgeAttempts: 0, judgeRetryAt: null };

/**
 * Runs one deploy's judging; if it throws (bad stored data, say), marks the deploy with the
 * error and a retry time that doubles with each attempt, so it leaves the head of the queue
 * instead of holding up everyone else's verdicts.
 */
async function attempt<T>(store: Store, deploy: DeploymentRow, now: number, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    const attempts = deploy.judgeAttempts + 1;
    const retryAt = now + backoffMs(attempts, RETRY_BASE_MS, RETRY_MAX_MS);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[deploylines] judging deployment ${deploy.id} failed (attempt ${attempts}, next at ${new Date(retryAt).toISOString()}):`, message);
    await store.updateDeployment(deploy.id, { judgeError: message.slice(0, 2000), judgeAttempts: attempts, judgeRetryAt: retryAt });
    return null;
  }
}
