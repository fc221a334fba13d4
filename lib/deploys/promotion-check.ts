import { passed, type JudgedDeploy } from "./passed";

export interface OrderedEnvironment {
  name: string;
  position: number;
}

export interface PromotionHistoryDeploy extends JudgedDeploy {
  id: number;
  environment: string;
  startedAt: number;
}

/** How a version fared in one environment below the target. */
export interface PromotionStep {
  environment: string;
  outcome: "passed" | "not_passed" | "never_deployed";
  /** The latest deploy of the version there, when there is one. */
  deploymentId: number | null;
  status: string | null;
  verdict: string | null;
}

export interface PromotionCheck {
  /** False when the target is not in the promotion order: there is nothing to check against. */
  known: boolean;
  steps: PromotionStep[];
  /** One reason per lower environment the version did not pass; empty when promotion is in order. */
  warnings: string[];
}

/**
 * Checks a version's way up the promotion order to `target`: in every lower environment some
 * deploy of it must have passed. `history` holds the version's deploys (kind deploy), any order.
 */
export function checkPromotion(
  environments: readonly OrderedEnvironment[],
  history: readonly PromotionHistoryDeploy[],
  version: string,
  target: string,
): PromotionCheck {
  const targetEnv = environments.find((e) => e.name === target);
  if (!targetEnv) return { known: false, steps: [], warnings: [] };
  const lower = environments.filter((e) => e.position < targetEnv.position).sort((a, b) => a.position - b.position);
  const steps: PromotionStep[] = [];
  const warnings: string[] = [];
  for (const env of lower) {
    const there = history.filter((d) => d.environment === env.name).sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
    const latest = there[0];
    const outcome = !latest ? "never_deployed" : there.some(passed) ? "passed" : "not_passed";
    steps.push({ environment: env.name, outcome, deploymentId: latest?.id ?? null, status: latest?.status ?? null, verdict: latest?.verdictStatus ?? null });
    if (outcome === "never_deployed") warnings.push(`${version} was never deployed to ${env.name} before ${target}`);
    if (outcome === "not_passed") warnings.push(`${version} did not pass in ${env.name} (status ${latest.status}, verdict ${latest.verdictStatus})`);
  }
  return { known: true, steps, warnings };
}
