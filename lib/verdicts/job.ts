import "server-only";
import { deploymentImpact, IMPACT_WINDOW_MINUTES } from "@/lib/impact/deployment-impact";
import { isSuspect } from "@/lib/impact/suspect";
import { notifyVerdict } from "@/lib/notifications/enqueue";
import { rawPointsReader } from "@/lib/series/raw-points-reader";
import { HELD_LEASE, type Job, type JobLease } from "@/lib/server/jobs";
import type { DeploymentChanges, DeploymentRow, Store } from "@/lib/store/types";
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
  const pointsFor = rawPointsReader(store);
  const run: JudgeRun = { verdicts: 0, impacts: 0, stale: 0, errors: 0 };
  let examined = 0;
  for (const service of await store.listServices()) {
    if (examined >= batch) break;
    const criteria = criteriaOf(service);
    const expected = (deploy: DeploymentRow) => ({ updatedAt: deploy.updatedAt, criteriaVersion: service.criteriaVersion });
    const due = await store.deploymentsAwaiting({ awaiting: "verdict", service: service.name, openedBefore: now, retryBefore: now, limit: batch - examined });
    for (const deploy of due) {
      if (!(await lease.renew())) return run;
      examined++;
      const result = await attempt(store, deploy, now, run, () => judgeDeployment(store, deploy, criteria, pointsFor, now));
      if (!result) continue;
      const stored = await store.updateDeploymentIf(deploy.id, expected(deploy), { ...result, ...CLEARED });
      if (!stored) run.stale++;
      else {
        run.verdicts++;
        await notifyVerdict(store, stored);
      }
    }
  }
  const due = await store.deploymentsAwaiting({ awaiting: "impact", openedBefore: now - IMPACT_WINDOW_MINUTES * MINUTE, retryBefore: now, limit: batch });
  for (const deploy of due) {
    if (!(await lease.renew())) return run;
    const impact = await attempt(store, deploy, now, run, () => deploymentImpact(store, deploy, pointsFor, now));
    if (!impact) continue;
    const service = await store.getService(deploy.service);
    const stored = await store.updateDeploymentIf(deploy.id, { updatedAt: deploy.updatedAt, criteriaVersion: service?.criteriaVersion ?? 0 }, { impact, suspect: isSuspect(impact), ...CLEARED });
    if (stored) run.impacts++;
    else run.stale++;
  }
  return run;
}

const CLEARED: DeploymentChanges = { judgeError: null, judgeAttempts: 0, judgeRetryAt: null };

/**
 * Runs one deploy's judging; if it throws (bad stored data, say), marks the deploy with the
 * error and a retry time that doubles with each attempt, so it leaves the head of the queue
 * instead of holding up everyone else's verdicts.
 */
async function attempt<T>(store: Store, deploy: DeploymentRow, now: number, run: JudgeRun, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    run.errors++;
    const attempts = deploy.judgeAttempts + 1;
    const retryAt = now + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[deploylines] judging deployment ${deploy.id} failed (attempt ${attempts}, next at ${new Date(retryAt).toISOString()}):`, message);
    await store.updateDeployment(deploy.id, { judgeError: message.slice(0, 2000), judgeAttempts: attempts, judgeRetryAt: retryAt });
    return null;
  }
}
