import type { DriftView } from "@/lib/deploys/running-version/drift";
import { DriftBadge, driftTitle } from "./drift-badge";

/** What a service says it runs in each environment, with a drift badge where that is not what was deployed. */
export function RunningVersions({ views }: { views: DriftView[] }) {
  if (views.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-3 text-sm text-slate-600" aria-label="running versions" data-running-versions>
      {views.map((view) => (
        <li key={view.environment} className="flex items-center gap-1.5" title={driftTitle(view)}>
          <span className="text-xs uppercase tracking-wide text-slate-500">{view.environment}</span>
          runs <span className="font-mono text-slate-900">{view.running}</span>
          <DriftBadge view={view} />
        </li>
      ))}
    </ul>
  );
}
