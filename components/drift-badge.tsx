import type { DriftView } from "@/lib/deploys/running-version/drift";
import { StatusBadge } from "./status-badge";

const iso = (ts: number) => new Date(ts).toISOString();

/** Why a (service, environment) is or is not drifting, in one sentence for a tooltip (absolute times: the server's render and the browser's agree). */
export function driftTitle(view: DriftView): string {
  const runs = `${view.environment} runs ${view.running} since ${iso(view.runningSince)} (last reported ${iso(view.lastSeen)})`;
  if (view.deployed === null) return `${runs}; no deploy recorded there`;
  if (view.drift && view.driftSince !== null) return `${runs}, not ${view.deployed}, the last recorded deploy (#${view.deploymentId}): drifting since ${iso(view.driftSince)}`;
  return `${runs}; last recorded deploy ${view.deployed} (#${view.deploymentId})`;
}

/** A red "drift" badge while a service runs a version other than its last recorded deploy's; nothing otherwise. */
export function DriftBadge({ view }: { view: DriftView }) {
  if (!view.drift) return null;
  return (
    <span data-drift={view.environment}>
      <StatusBadge status="drift" title={driftTitle(view)} />
    </span>
  );
}
