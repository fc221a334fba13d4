import "server-only";
import { aroundWindow } from "@/lib/deploys/around";
import type { DeploymentRow, Store } from "@/lib/store/types";
import { timeToRestore } from "./time-to-restore";

const PAD = 30 * 60_000;

/** One rollback as the rollbacks page and API show it. */
export interface RollbackView {
  id: number;
  service: string;
  environment: string;
  /** The version rolled away from: the undone deploy's, else the one recorded as previous. */
  fromVersion: string | null;
  toVersion: string;
  reason: string | null;
  author: string | null;
  status: string;
  startedAt: number;
  finishedAt: number | null;
  rolledBack: Pick<DeploymentRow, "id" | "version" | "startedAt" | "finishedAt" | "status" | "author"> | null;
  timeToRestoreMs: number | null;
  /** A chart range covering the bad deploy and its rollback. */
  chart: { from: number; to: number };
}

/** Every rollback (of one service, when given), newest first, with the deploy it undid and the time to restore. */
export async function listRollbacks(store: Store, filter: { service?: string } = {}): Promise<RollbackView[]> {
  const rollbacks = await store.listDeployments({ ...filter, kind: "rollback", limit: 5000 });
  return Promise.all(
    rollbacks.map(async (r) => {
      const bad = r.rollbackOf ? ((await store.getDeployment(r.rollbackOf)) ?? null) : null;
      return {
        id: r.id,
        service: r.service,
        environment: r.environment,
        fromVersion: bad?.version ?? r.previousVersion,
        toVersion: r.version,
        reason: r.reason,
        author: r.author,
        status: r.status,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        rolledBack: bad && { id: bad.id, version: bad.version, startedAt: bad.startedAt, finishedAt: bad.finishedAt, status: bad.status, author: bad.author },
        timeToRestoreMs: timeToRestore(bad, r),
        chart: aroundWindow(bad?.startedAt ?? r.startedAt, r.finishedAt, PAD),
      };
    }),
  );
}
