import type { DarkLaunchSampleRow, Store } from "@/lib/store/types";
import { criteriaOf } from "./criteria";
import { assessReadiness, readinessWindow, type ReadinessVerdict } from "./readiness";
import type { DarkLaunchCriteria } from "./schema";
import { summarizeSamples, type DarkLaunchSummary } from "./summary";

const RECENT_MISMATCHES = 10;

export type MismatchExample = Omit<DarkLaunchSampleRow, "id" | "service">;

export interface DarkLaunchReport extends DarkLaunchSummary<MismatchExample> {
  service: string;
  candidateVersion: string | null;
  state: string;
  updatedAt: number;
  from: number;
  to: number;
  criteria: DarkLaunchCriteria;
  /** Judged on the criteria's window, whatever range the rest of the report covers. */
  readiness: ReadinessVerdict & { from: number; to: number; mirrored: number; matchRate: number | null };
}

/**
 * Everything the dark-launch page shows for one service: the summary over [from, to] (by default
 * the readiness window), its latest mismatches, and the readiness verdict against the team's
 * criteria. Null when the service has no dark launch.
 */
export async function darkLaunchReport(
  store: Store,
  service: string,
  range: { from?: number; to?: number; buckets?: number },
  now = Date.now(),
): Promise<DarkLaunchReport | null> {
  const [launch, serviceRow] = await Promise.all([
    store.listDarkLaunches().then((all) => all.find((d) => d.service === service)),
    store.getService(service),
  ]);
  if (!launch) return null;
  const criteria = criteriaOf(serviceRow?.darkLaunchCriteria);
  const window = readinessWindow(criteria, now);
  const to = range.to ?? (range.from === undefined ? window.to : now);
  const from = range.from ?? to - (window.to - window.from);
  const [figures, recent] = await Promise.all([
    store.listDarkLaunchFigures(service, from, to),
    store.listDarkLaunchMismatches(service, from, to, RECENT_MISMATCHES),
  ]);
  const summary = summarizeSamples(figures, { from, to, buckets: range.buckets, recentMismatches: 0 });
  // The default range is the window itself: judge on the summary already made.
  const judged =
    from === window.from && to === window.to ? summary : summarizeSamples(await store.listDarkLaunchFigures(service, window.from, window.to), { buckets: 1, recentMismatches: 0 });
  return {
    service,
    candidateVersion: launch.candidateVersion,
    state: launch.state,
    updatedAt: launch.updatedAt,
    from,
    to,
    criteria,
    ...summary,
    recentMismatches: recent.map(({ id: _id, service: _service, ...example }) => example),
    readiness: { ...assessReadiness(judged, criteria), ...window, mirrored: judged.mirrored, matchRate: judged.matchRate },
  };
}
