import type { Resolution } from "@/lib/store/types";
import { RESOLUTION_STEP_MS } from "./retention";

export interface ResolutionQuery {
  from: number;
  to: number;
  maxPoints: number;
  /** Oldest timestamp each resolution still holds. */
  cutoffs: Record<Resolution, number>;
}

/**
 * Picks the coarsest resolution whose step still fits inside one output bucket — reading
 * finer data would only be folded away — and never one whose retention has dropped `from`.
 * Each output bucket carries two points (its min and max), hence maxPoints / 2 buckets.
 */
export function chooseResolution({ from, to, maxPoints, cutoffs }: ResolutionQuery): Resolution {
  const bucketMs = (to - from) / Math.max(1, Math.floor(maxPoints / 2));
  if (bucketMs >= RESOLUTION_STEP_MS["1h"] || from < cutoffs["1m"]) return "1h";
  if (bucketMs >= RESOLUTION_STEP_MS["1m"] || from < cutoffs.raw) return "1m";
  return "raw";
}

/** Bucket layout for a min/max downsample of [from, to] into at most maxPoints points. */
export function bucketWidth(from: number, to: number, maxPoints: number): number {
  return Math.max(1, Math.ceil((to - from + 1) / Math.max(1, Math.floor(maxPoints / 2))));
}
