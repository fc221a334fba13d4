import "server-only";
import { deploymentImpact, IMPACT_WINDOW_MINUTES } from "@/lib/impact/deployment-impact";
import { isSuspect } from "@/lib/impact/suspect";
import { rawPointsReader } from "@/lib/series/raw-points-reader";
import type { Job } from "@/lib/server/jobs";
import type { Store } from "@/lib/store/types";
import { judgeDeployment } from "./judge-deployment";
import { criteriaOf } from "./service-criteria";

const MINUTE = 60_000;
/** Deploys judged (and, separately, analysed) per run: bounded so a run stays well inside its lease. */
const BATCH = 50;

/**
 * Judges deploys whose judgement window has closed, and analyses the impact of those whose
 * impact window has closed — including deploys recorded after the fact, which are due at once.
 * Every environment is judged, on the service's metrics: metrics are service-wide, not per
 * environment, so a test deploy is measured on the same series as a prod one.
 */
export const verdictJob: Job = {
  name: "verdicts",
  everyMs: 15_000,
  run: (store) => judgeDueDeployments(store),
};

/** One run of the verdict job; returns how many verdicts and impact analyses it stored. */
export async function judgeDueDeployments(store: Store, now = Date.now(), batch = BATCH): Promise<{ verdicts: number; impacts: number }> {
  const pointsFor = rawPointsReader(store);
  let verdicts = 0;
  for (const service of await store.listServices()) {
    if (verdicts >= batch) break;
    const criteria = criteriaOf(service);
    const windowMs = criteria ? criteria.windowMinutes * MINUTE : 0;
    const due = await store.deploymentsAwaiting({ awaiting: "verdict", service: service.name, openedBefore: now - windowMs, limit: batch - verdicts });
    for (const deploy of due) {
      const changes = await guarded(`verdict of deployment ${deploy.id}`, () => judgeDeployment(store, deploy, criteria, pointsFor, now));
      if (!changes) continue;
      await store.updateDeployment(deploy.id, changes);
      verdicts++;
    }
  }

  let impacts = 0;
  const due = await store.deploymentsAwaiting({ awaiting: "impact", openedBefore: now - IMPACT_WINDOW_MINUTES * MINUTE, limit: batch });
  for (const deploy of due) {
    const impact = await guarded(`impact of deployment ${deploy.id}`, () => deploymentImpact(store, deploy, pointsFor, now));
    if (!impact) continue;
    await store.updateDeployment(deploy.id, { impact, suspect: isSuspect(impact) });
    impacts++;
  }
  return { verdicts, impacts };
}

// One deploy that cannot be judged (bad stored data, say) must not hold up the others.
async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (error) {
    console.error(`[deploylines] ${what} failed:`, error);
    return null;
  }
}
