import type { DeploymentRow } from "@/lib/store/types";

/** The API's view of a deployment: the stored row with its verdict as `{status, evidence}`. */
export function presentDeployment(row: DeploymentRow) {
  const { verdictStatus, verdict, verdictAt, impact: _impact, ...rest } = row;
  const detail = (verdict ?? {}) as Record<string, unknown>;
  return {
    ...rest,
    warnings: row.warnings ?? [],
    verdict: { ...detail, status: verdictStatus, evidence: (detail.evidence as unknown[]) ?? [], judgedAt: verdictAt },
  };
}

export type DeploymentView = ReturnType<typeof presentDeployment>;
