import type { PromotionCheck } from "./promotion-check";

export interface GateDecision {
  pass: boolean;
  /** One line a pipeline log can show: why the gate opened or stayed shut. */
  reason: string;
  /** Every problem found, one per lower environment; empty when the gate is open. */
  reasons: string[];
}

/**
 * The promotion gate: open when the version passed in every environment below the target,
 * shut with the reasons otherwise. Callers reject an unknown target before asking.
 */
export function gateDecision(check: PromotionCheck, version: string, target: string): GateDecision {
  if (check.warnings.length > 0) return { pass: false, reason: check.warnings.join("; "), reasons: check.warnings };
  if (check.steps.length === 0) return { pass: true, reason: `${target} is the first environment: nothing to pass before it`, reasons: [] };
  const lower = check.steps.map((s) => s.environment).join(", ");
  return { pass: true, reason: `${version} passed in ${lower} before ${target}`, reasons: [] };
}
