import type { DeploymentInput } from "@/lib/deploys/schema";
import type { DeploymentRow, VersionChange } from "@/lib/store/types";
import { formatDuration } from "@/lib/time/parse-duration";

/** The `source` and `author` of a deploy deploylines inferred from a service's own version reports. */
export const DETECTED = "detected";

export interface DetectOptions {
  /** How close (either side) a deploy of the new version must have started to account for the change. */
  windowMs: number;
  /** What carried the report, for the description, e.g. `OTLP (service.version)`. */
  via?: string;
}

/**
 * Whether a change of the version a service reports is a deploy nobody recorded, and that deploy.
 * Not for:
 * - a first report: the version was deployed at some unknown time before deploylines heard of it,
 *   and a line at the first report would mark every service on the day reporting began;
 * - a return to the version that ran just before, within the window of the change: instances on
 *   both versions (a rollout under way, two instances' reports interleaving), not a new deploy;
 * - a change a recorded deploy of the new version accounts for: one that started within the window
 *   either side, finished after the window opened, or is still in progress. Detected deploys count
 *   too, which keeps repeated reports from detecting one twice.
 */
export function detectedDeploy(change: VersionChange, sameVersion: readonly DeploymentRow[], { windowMs, via }: DetectOptions): (DeploymentInput & { source: string }) | null {
  const { before, after } = change;
  if (!before) return null;
  const at = after.since;
  if (before.previousVersion === after.version && at - before.since <= windowMs) return null;
  const accounted = sameVersion.some((d) => d.status === "in_progress" || Math.abs(d.startedAt - at) <= windowMs || (d.finishedAt !== null && d.finishedAt >= at - windowMs));
  if (accounted) return null;
  return {
    service: after.service,
    environment: after.environment,
    version: after.version,
    previousVersion: before.version,
    kind: "deploy",
    strategy: "all-at-once",
    status: "succeeded",
    startedAt: at,
    finishedAt: at,
    author: DETECTED,
    description: `Detected: ${after.service} reported version ${after.version} in ${after.environment} (was ${before.version})${via ? ` through ${via}` : ""}; no deploy of it was recorded within ${formatDuration(windowMs)} either side.`,
    source: DETECTED,
  };
}
