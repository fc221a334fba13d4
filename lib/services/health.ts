/** How a service is doing, judged by its latest deploys: what the overview sorts and filters by. */
export type ServiceHealth = "failing" | "degraded" | "deploying" | "healthy" | "unknown";

const RANK: Record<ServiceHealth, number> = { failing: 0, degraded: 1, deploying: 2, healthy: 3, unknown: 4 };

interface RecentDeploy {
  environment: string;
  status: string;
  verdict: { status: string };
}

/**
 * A service is failing when the latest deploy to any environment failed, was rolled back or was
 * judged failed; degraded when one was judged degraded; deploying while one runs.
 */
export function serviceHealth(latestPerEnvironment: RecentDeploy[]): ServiceHealth {
  if (latestPerEnvironment.length === 0) return "unknown";
  const statuses = latestPerEnvironment.map((d) => (d.status === "failed" || d.status === "rolled_back" || d.verdict.status === "failed" ? "failing" : d.verdict.status === "degraded" ? "degraded" : d.status === "in_progress" ? "deploying" : "healthy"));
  return statuses.reduce<ServiceHealth>((worst, s) => (RANK[s] < RANK[worst] ? s : worst), "healthy");
}

/** Sort key: worst first. */
export function healthRank(health: ServiceHealth): number {
  return RANK[health];
}
