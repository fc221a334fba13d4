/** The colours deploy lines and badges use, shared by every chart and list. */
export const ENV_COLORS: Record<string, string> = {
  prod: "#4f46e5",
  production: "#4f46e5",
  test: "#0891b2",
  staging: "#0d9488",
  dark: "#7c3aed",
};

export const BAD_COLOR = "#dc2626";
export const ROLLBACK_COLOR = "#ea580c";
export const DEGRADED_COLOR = "#d97706";

export interface DeployLike {
  environment: string;
  kind: string;
  status: string;
  verdict?: { status: string } | null;
  suspect?: boolean;
  source?: string;
}

/** The colour of one deploy's line: rollbacks orange, failures red, degraded amber, else its environment. */
export function deployColor(d: DeployLike): string {
  if (d.kind === "rollback") return ROLLBACK_COLOR;
  if (d.status === "failed" || d.status === "rolled_back" || d.verdict?.status === "failed") return BAD_COLOR;
  if (d.verdict?.status === "degraded") return DEGRADED_COLOR;
  return ENV_COLORS[d.environment] ?? "#64748b";
}

/** True when the deploy should be drawn as a warning (dashed) line. */
export function isTroubled(d: DeployLike): boolean {
  return d.kind === "rollback" || d.status === "failed" || d.status === "rolled_back" || d.verdict?.status === "failed" || d.suspect === true;
}

/**
 * True for a deploy nobody recorded, inferred from the version the service reported: drawn
 * dotted with a hollow mark, so a chart never passes it off as a recorded one.
 */
export function isDetected(d: Pick<DeployLike, "source">): boolean {
  return d.source === "detected";
}

/** The border pattern of a deploy's line: dotted when detected, dashed when troubled, else solid. */
export function lineStyle(d: DeployLike): "dotted" | "dashed" | "solid" {
  return isDetected(d) ? "dotted" : isTroubled(d) ? "dashed" : "solid";
}

export const STATUS_BADGE: Record<string, string> = {
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  healthy: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  in_progress: "bg-sky-50 text-sky-700 ring-sky-200",
  pending: "bg-slate-100 text-slate-600 ring-slate-200",
  no_data: "bg-slate-100 text-slate-600 ring-slate-300",
  inconclusive: "bg-violet-50 text-violet-700 ring-violet-200",
  none: "bg-white text-slate-500 ring-slate-300",
  degraded: "bg-amber-50 text-amber-700 ring-amber-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  rolled_back: "bg-orange-50 text-orange-700 ring-orange-200",
  rollback: "bg-orange-50 text-orange-700 ring-orange-200",
  delivered: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  detected: "bg-white text-slate-600 ring-slate-400",
  drift: "bg-rose-50 text-rose-700 ring-rose-300",
  up: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  down: "bg-red-50 text-red-700 ring-red-200",
};
