import type { DeploymentRow } from "@/lib/store/types";
import { formatDuration } from "@/lib/time/parse-duration";
import { unknown, type CheckResult } from "./check-result";

/**
 * The health of a service's latest deploy to an environment: CRITICAL when it failed, was rolled
 * back or failed its verdict; WARNING when degraded or inconclusive (the window closed without enough
 * evidence either way: someone should look); OK when healthy; UNKNOWN (saying which) while
 * the verdict is pending, when there was no data to judge it, or when nothing was ever deployed.
 * The stored `verdictStatus` is the source of truth for the verdict.
 */
export function checkDeployment(
  latest: Pick<DeploymentRow, "id" | "version" | "status" | "verdictStatus" | "startedAt"> | undefined,
  target: { service: string; environment: string },
  now: number,
): CheckResult {
  const where = `${target.service} → ${target.environment}`;
  if (!latest) return unknown(`${where}: no deploys recorded`);
  const deploy = `${where} ${latest.version} (deployment ${latest.id}, ${formatDuration(Math.max(0, now - latest.startedAt))} ago)`;
  if (latest.status === "rolled_back") return { state: "CRITICAL", text: `${deploy} was rolled back`, perfdata: [] };
  if (latest.status === "failed") return { state: "CRITICAL", text: `${deploy} failed`, perfdata: [] };
  switch (latest.verdictStatus) {
    case "failed":
      return { state: "CRITICAL", text: `${deploy} failed its verdict`, perfdata: [] };
    case "degraded":
      return { state: "WARNING", text: `${deploy} is degraded`, perfdata: [] };
    case "inconclusive":
      return { state: "WARNING", text: `${deploy} is inconclusive: too few points to judge it`, perfdata: [] };
    case "healthy":
      return { state: "OK", text: `${deploy} is healthy`, perfdata: [] };
    case "no_data":
      return unknown(`${deploy}: no metric data to judge it by`);
    case "none":
      return unknown(`${deploy}: the service has no success criteria, so deploys are not judged`);
    default:
      return unknown(`${deploy}: verdict pending${latest.status === "in_progress" ? " (deploy in progress)" : ""}`);
  }
}
