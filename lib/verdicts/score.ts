import { DEFAULT_SCORE_BANDS, type Criteria } from "./criteria-schema";
import type { RuleEvidence } from "./judge-rule";

/** The 0–100 score of a verdict: the weighted share of decided rules that passed, per group. */
export interface VerdictScore {
  /** null until some rule is decided. */
  value: number | null;
  pass: number;
  marginal: number;
  band: "pass" | "marginal" | "fail" | null;
  /** Whether the score decides the status (the criteria set bands) or is shown beside the rules. */
  decides: boolean;
  groups: { group: string; weight: number; passed: number; decided: number }[];
}

/**
 * Scores rules as Kayenta's canary judge does: each group scores the share of its decided
 * rules that passed, and the groups are averaged by weight (1 unless the criteria weigh them).
 */
export function scoreVerdict(criteria: Criteria, evidence: readonly RuleEvidence[]): VerdictScore {
  const byGroup = new Map<string, { passed: number; decided: number }>();
  for (const e of evidence) {
    const g = byGroup.get(e.group) ?? { passed: 0, decided: 0 };
    if (e.passed !== null) g.decided++;
    if (e.passed === true) g.passed++;
    byGroup.set(e.group, g);
  }
  const groups = [...byGroup].map(([group, g]) => ({ group, weight: criteria.groups?.[group] ?? 1, ...g }));
  let weighted = 0;
  let weights = 0;
  for (const g of groups) {
    if (g.decided === 0) continue;
    weighted += g.weight * (g.passed / g.decided);
    weights += g.weight;
  }
  const bands = criteria.score ?? DEFAULT_SCORE_BANDS;
  const value = weights > 0 ? Math.round((1000 * weighted) / weights) / 10 : null;
  const band = value === null ? null : value >= bands.pass ? "pass" : value >= bands.marginal ? "marginal" : "fail";
  return { value, ...bands, band, decides: criteria.score !== undefined, groups };
}
