import { newestFirst } from "@/lib/deploys/last-known-good";
import { passed } from "@/lib/deploys/passed";
import type { RetentionDeploy } from "./retention";

export interface ReachDeploy extends RetentionDeploy {
  kind: string;
  warnings: string[] | null;
}

/** A build's latest deploy in one environment and how it went. */
export interface EnvironmentReached {
  environment: string;
  deploymentId: number;
  kind: string;
  status: string;
  verdict: string;
  startedAt: number;
  passed: boolean;
}

export interface BuildReach {
  /** One entry per environment the version was deployed to, in promotion order (others after). */
  environments: EnvironmentReached[];
  /** Promotion problems: the warnings its deploys were recorded with, and a stop short of the last environment. */
  flags: string[];
}

/**
 * Where one version of a service went: its latest deploy per environment, the promotion
 * warnings its deploys carry, and whether it stopped in a lower environment after not passing.
 * `order` is the promotion order, lowest first; `deploys` are the service's deploys.
 */
export function buildReach(version: string, deploys: readonly ReachDeploy[], order: readonly string[]): BuildReach {
  const mine = deploys.filter((d) => d.version === version).sort(newestFirst);
  const latest = new Map<string, ReachDeploy>();
  for (const d of mine) if (!latest.has(d.environment)) latest.set(d.environment, d);
  const rank = (env: string) => (order.includes(env) ? order.indexOf(env) : order.length);
  const environments = [...latest.values()]
    .sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment))
    .map((d) => ({ environment: d.environment, deploymentId: d.id, kind: d.kind, status: d.status, verdict: d.verdictStatus, startedAt: d.startedAt, passed: passed(d) }));
  const flags = [...new Set(mine.filter((d) => d.kind === "deploy").flatMap((d) => d.warnings ?? []))];
  const stop = stoppedShort(environments, order);
  if (stop) flags.push(stop);
  return { environments, flags };
}

/** "failed in test — never reached prod" when the highest environment reached in the order did not pass. */
function stoppedShort(reached: EnvironmentReached[], order: readonly string[]): string | undefined {
  const top = order[order.length - 1];
  const inOrder = reached.filter((r) => order.includes(r.environment));
  const highest = inOrder[inOrder.length - 1];
  if (!top || !highest || highest.environment === top || highest.passed || highest.status === "in_progress") return undefined;
  const how = highest.status === "failed" ? "failed" : highest.status === "rolled_back" ? "rolled back" : `verdict ${highest.verdict}`;
  return `${how} in ${highest.environment} — never reached ${top}`;
}
