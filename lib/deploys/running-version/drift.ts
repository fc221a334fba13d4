import type { DeploymentRow, RunningVersionRow } from "@/lib/store/types";

/** One (service, environment): what it says it runs against what was last deployed there. The API's, the pages' and the check's shape. */
export interface DriftView {
  service: string;
  environment: string;
  /** The version the service last reported, since when, and when it last did. */
  running: string;
  runningSince: number;
  lastSeen: number;
  /** The last recorded (not detected) deploy there that succeeded, and when it finished; null when none was. */
  deployed: string | null;
  deployedAt: number | null;
  deploymentId: number | null;
  /** A recorded deploy there still in progress: running its version is no drift. */
  deploying: string | null;
  drift: boolean;
  /** When the mismatch began (the later of the version change and the deploy), while it is drift. */
  driftSince: number | null;
}

/** What `GET /api/v1/drift` answers: the grace in force and every reporting (service, environment). */
export interface DriftReport {
  graceMs: number;
  drift: DriftView[];
}

/** A view that is drift: the deploy it drifts from and when it began are known. */
export type Drifting = DriftView & { drift: true; deployed: string; deploymentId: number; driftSince: number };

export function isDrifting(view: DriftView): view is Drifting {
  return view.drift;
}

type Recorded = Pick<DeploymentRow, "id" | "version" | "startedAt" | "finishedAt">;

/**
 * Drift: the service reports a version other than that of the last recorded deploy that
 * succeeded there (and of any recorded deploy in progress), and has kept reporting it for longer
 * than `graceMs` — measured up to its last report, so a service that went quiet right after a
 * deploy is not called drifting on no evidence. Without a recorded deploy there is nothing to
 * drift from.
 */
export function assessDrift(
  row: Pick<RunningVersionRow, "service" | "environment" | "version" | "since" | "lastSeen">,
  recorded: { succeeded?: Recorded; inProgress?: Recorded },
  graceMs: number,
): DriftView {
  const { succeeded, inProgress } = recorded;
  const deployedAt = succeeded ? (succeeded.finishedAt ?? succeeded.startedAt) : null;
  const mismatch = succeeded !== undefined && row.version !== succeeded.version && row.version !== inProgress?.version;
  const start = mismatch ? Math.max(row.since, deployedAt!) : null;
  const drift = start !== null && row.lastSeen - start > graceMs;
  return {
    service: row.service,
    environment: row.environment,
    running: row.version,
    runningSince: row.since,
    lastSeen: row.lastSeen,
    deployed: succeeded?.version ?? null,
    deployedAt,
    deploymentId: succeeded?.id ?? null,
    deploying: inProgress?.version ?? null,
    drift,
    driftSince: drift ? start : null,
  };
}

/** How long a drift has lasted by its last report; 0 when there is none. */
export function driftDuration(view: Pick<DriftView, "drift" | "driftSince" | "lastSeen">): number {
  return view.drift && view.driftSince !== null ? view.lastSeen - view.driftSince : 0;
}
