import { driftDuration, type DriftView } from "@/lib/deploys/running-version/drift";
import { formatDuration } from "@/lib/time/parse-duration";
import { unknown, type CheckResult } from "./check-result";

/**
 * Version drift of a service in an environment: CRITICAL while it reports a version other than
 * the last recorded deploy's for longer than the grace (see `assessDrift`); OK when it runs what
 * was deployed, or differs only within the grace or by a deploy in progress; UNKNOWN when it
 * never reported a version, or no deploy was recorded there to compare with.
 * Perfdata: how long the drift has lasted, in seconds (0 without drift).
 */
export function checkDrift(view: DriftView | undefined, target: { service: string; environment: string }, graceMs: number, now: number): CheckResult {
  const where = `${target.service} → ${target.environment}`;
  if (!view) return unknown(`${where}: never reported its version (OTel service.version, or a version label on *_build_info / target_info)`);
  const ago = (ts: number) => formatDuration(Math.max(0, now - ts));
  const runs = `${where} runs ${view.running} (reported ${ago(view.lastSeen)} ago)`;
  if (view.deployed === null) return unknown(`${runs}; no deploy recorded there to compare with`);
  const perfdata = [{ label: "drift", value: Math.round(driftDuration(view) / 1000), uom: "s", min: 0 }];
  const deploy = `${view.deployed} (deployment ${view.deploymentId})`;
  if (view.drift) return { state: "CRITICAL", text: `${runs}, not ${deploy}, the last recorded deploy: drifting for ${formatDuration(driftDuration(view))}`, perfdata };
  if (view.running === view.deployed) return { state: "OK", text: `${runs}, as deployed: ${deploy}`, perfdata };
  if (view.running === view.deploying) return { state: "OK", text: `${runs}, which is being deployed (last finished deploy ${deploy})`, perfdata };
  return { state: "OK", text: `${runs}, not ${deploy}, for less than the ${formatDuration(graceMs)} grace`, perfdata };
}
