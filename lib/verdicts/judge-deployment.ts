import "server-only";
import { lastKnownGood, type RollbackTarget } from "@/lib/deploys/last-known-good";
import type { VerdictStatus } from "@/lib/deploys/schema";
import type { PointsFor } from "@/lib/series/raw-points-reader";
import type { DeploymentRow, Store } from "@/lib/store/types";
import type { Criteria } from "./criteria-schema";
import { evaluateVerdict, type Verdict } from "./evaluate";

/** The verdict as stored on a deployment (`deployments.verdict`) and served by the API. */
export type StoredVerdict =
  | (Verdict & { rollbackTarget?: RollbackTarget | null })
  | { status: "none"; reason: string; evidence: [] }
  | { status: "failed"; reason: string; evidence: []; rollbackTarget: RollbackTarget | null; windowEndsAt: number };

/** Why a deploy whose rollout failed has a failed verdict without its metrics being judged. */
export const ROLLOUT_FAILED = "the deploy itself failed (status failed): a failed rollout is failed whatever its metrics";

export interface VerdictChanges {
  verdictStatus: VerdictStatus;
  verdict: StoredVerdict;
  verdictAt: number;
}

/**
 * Judges one deploy against its service's criteria on the points so far. `changes` is what to
 * store once the verdict is final: `none` straight away for a service without criteria
 * (nothing to wait for), null while pending. A failed verdict names the rollback target, so
 * whoever reads it knows where to go back to. `verdict` is the evaluation itself, pending or not.
 * A deploy whose rollout failed is failed at once, criteria or not: its metrics may well look
 * healthy (it may never have served), and a pipeline gating on its verdict must not pass it.
 */
export async function judgeDeployment(
  store: Store,
  deploy: DeploymentRow,
  criteria: Criteria | null,
  pointsFor: PointsFor,
  now = Date.now(),
): Promise<{ verdict: Verdict | null; changes: VerdictChanges | null }> {
  if (deploy.status === "failed") {
    // Its window ends as it finished: a failure recorded (or re-judged) long after is not notified as news.
    const windowEndsAt = deploy.finishedAt ?? deploy.startedAt;
    const failed = { status: "failed" as const, reason: ROLLOUT_FAILED, evidence: [] as [], rollbackTarget: await rollbackTarget(store, deploy), windowEndsAt };
    return { verdict: null, changes: { verdictStatus: "failed", verdict: failed, verdictAt: now } };
  }
  const verdict = await evaluateVerdict({ criteria, deploy, now, pointsFor });
  if (!verdict) return { verdict, changes: { verdictStatus: "none", verdict: { status: "none", reason: "no criteria set", evidence: [] }, verdictAt: now } };
  if (verdict.status === "pending") return { verdict, changes: null };
  const stored = verdict.status === "failed" ? { ...verdict, rollbackTarget: await rollbackTarget(store, deploy) } : verdict;
  return { verdict, changes: { verdictStatus: verdict.status, verdict: stored, verdictAt: now } };
}

/** The last known good deploy before this one in its environment, as a rollback target. */
async function rollbackTarget(store: Store, deploy: DeploymentRow): Promise<RollbackTarget | null> {
  const history = await store.listDeployments({ service: deploy.service, environment: deploy.environment, to: deploy.startedAt, limit: 500 });
  const good = lastKnownGood(history, deploy.environment, deploy);
  return good ? { deploymentId: good.id, version: good.version, startedAt: good.startedAt } : null;
}
