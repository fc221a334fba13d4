import { lastKnownGood, type HistoryDeploy } from "./last-known-good";
import type { DeploymentInput } from "./schema";
import type { RollbackRequest } from "./rollback-schema";

export interface RollbackTarget extends HistoryDeploy {
  service: string;
  kind: string;
}

/** A plan, or why there is none; `replaced` when the deploy is no longer the environment's live one. */
export type RollbackPlan = { ok: true; input: DeploymentInput } | { ok: false; reason: string; replaced?: boolean };

/**
 * The rollback deploy that undoes `target`: to the version asked for or, by default, the last
 * known good version of the environment before it. `history` holds the environment's deploys up
 * to `target`, `newer` those since. Only the live deploy is rolled back: one that another has
 * replaced by the rollback's start (`at`) no longer runs, and undoing it would set the live
 * version back from whatever does.
 */
export function planRollback(target: RollbackTarget, history: readonly HistoryDeploy[], request: RollbackRequest, newer: readonly HistoryDeploy[] = [], at = Date.now()): RollbackPlan {
  if (target.status === "rolled_back") return { ok: false, reason: `deployment ${target.id} is already rolled back` };
  const replacement = newer.find(
    (d) => d.environment === target.environment && d.id !== target.id && (d.startedAt > target.startedAt || (d.startedAt === target.startedAt && d.id > target.id)) && d.startedAt <= at,
  );
  if (replacement) {
    return {
      ok: false,
      replaced: true,
      reason: `deployment ${target.id} (${target.version}) is no longer live in ${target.environment}: deployment ${replacement.id} (${replacement.version}) replaced it; roll back that one`,
    };
  }
  let version = request.version;
  if (!version) {
    const good = lastKnownGood(history, target.environment, target);
    if (!good) {
      return {
        ok: false,
        reason: `no last known good version of ${target.service} in ${target.environment} before deployment ${target.id} (${target.version}); name one with "version"`,
      };
    }
    version = good.version;
  }
  if (version === target.version) return { ok: false, reason: `deployment ${target.id} is already ${version}: roll back to a different version` };
  return {
    ok: true,
    input: {
      service: target.service,
      environment: target.environment,
      version,
      previousVersion: target.version,
      kind: "rollback",
      strategy: "all-at-once",
      rollbackOf: target.id,
      reason: request.reason ?? null,
      author: request.author ?? null,
      status: request.status,
      startedAt: request.startedAt,
      finishedAt: request.finishedAt,
    },
  };
}
