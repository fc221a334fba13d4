import type { Store } from "@/lib/store/types";
import { criteriaOf } from "./criteria";
import { assessReadiness, readinessWindow, type ReadinessVerdict } from "./readiness";
import { summarizeSamples } from "./summary";

export interface DarkLaunchOverview {
  service: string;
  candidateVersion: string | null;
  state: string;
  updatedAt: number;
  /** Figures of the readiness window. */
  from: number;
  to: number;
  mirrored: number;
  matchRate: number | null;
  primaryP95Ms: number | null;
  candidateP95Ms: number | null;
  candidateErrorRate: number | null;
  readiness: ReadinessVerdict;
}

/** Every dark launch with its headline figures over its readiness window and the verdict. */
export async function darkLaunchOverviews(store: Store, now = Date.now()): Promise<DarkLaunchOverview[]> {
  const [launches, services] = await Promise.all([store.listDarkLaunches(), store.listServices()]);
  const criteriaByService = new Map(services.map((s) => [s.name, s.darkLaunchCriteria]));
  return Promise.all(
    launches.map(async (launch) => {
      const criteria = criteriaOf(criteriaByService.get(launch.service));
      const window = readinessWindow(criteria, now);
      const summary = summarizeSamples(await store.listDarkLaunchFigures(launch.service, window.from, window.to), { buckets: 1, recentMismatches: 0 });
      return {
        service: launch.service,
        candidateVersion: launch.candidateVersion,
        state: launch.state,
        updatedAt: launch.updatedAt,
        ...window,
        mirrored: summary.mirrored,
        matchRate: summary.matchRate,
        primaryP95Ms: summary.primary.p95Ms,
        candidateP95Ms: summary.candidate.p95Ms,
        candidateErrorRate: summary.candidate.errorRate,
        readiness: assessReadiness(summary, criteria),
      };
    }),
  );
}
