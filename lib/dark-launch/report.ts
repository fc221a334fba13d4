import type { DarkLaunchFigures, DarkLaunchSampleRow, Store } from "@/lib/store/types";
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
  const judged = from === window.from && to === window.to ? summary : summarizeSamples(await windowFigures(store, service, window, figures, { from, to }), { buckets: 1, recentMismatches: 0 });
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

/**
 * The samples of the readiness window. When the requested range covers the window's start (a page
 * showing the last week), they are mostly read already: only those after the range's end (the
 * client's "now" lags the server's) are read again.
 */
async function windowFigures(store: Store, service: string, window: { from: number; to: number }, figures: DarkLaunchFigures[], range: { from: number; to: number }) {
  if (range.from > window.from || range.to < window.from) return store.listDarkLaunchFigures(service, window.from, window.to);
  const inRange = figures.filter((f) => f.ts >= window.from && f.ts <= Math.min(range.to, window.to));
  if (range.to >= window.to) return inRange;
  return inRange.concat(await store.listDarkLaunchFigures(service, range.to + 1, window.to));
}
