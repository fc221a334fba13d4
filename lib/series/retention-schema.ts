import { z } from "zod";
import { formatDuration, parseDuration } from "@/lib/time/parse-duration";
import type { Resolution } from "@/lib/store/types";
import type { RetentionPolicy } from "./retention";

const RESOLUTIONS: Resolution[] = ["raw", "1m", "1h"];
const MIN_RETENTION_MS = 3_600_000;
/** Longer than anything could be kept; beyond it a cutoff (now − retention) leaves the range of a time. */
const MAX_RETENTION_MS = parseDuration("100y")!;

const durationSchema = z.string().transform((raw, ctx) => {
  const ms = parseDuration(raw);
  if (ms === null || ms < MIN_RETENTION_MS || ms > MAX_RETENTION_MS) {
    ctx.addIssue({ code: "custom", message: `expected a duration from 1h to 100y such as 14d, 90d or 3y, got "${raw}"` });
    return z.NEVER;
  }
  return ms;
});

/**
 * The body of `PUT /api/v1/retention`: `{"raw":"14d","1m":"90d","1h":"3y"}`. Coarser data
 * must be kept at least as long as finer data, or long ranges would show holes.
 */
export const retentionBodySchema = z
  .object({ raw: durationSchema, "1m": durationSchema, "1h": durationSchema })
  .strict()
  .superRefine((p, ctx) => {
    if (p.raw > p["1m"]) ctx.addIssue({ code: "custom", path: ["raw"], message: "raw must not be kept longer than 1m" });
    if (p["1m"] > p["1h"]) ctx.addIssue({ code: "custom", path: ["1m"], message: "1m must not be kept longer than 1h" });
  });

/** Parses `raw:14d,1m:90d,1h:3y` (the `DEPLOYLINES_RETENTION` format); unnamed resolutions keep their default. */
export function parseRetentionSpec(spec: string, defaults: RetentionPolicy): { policy: RetentionPolicy } | { problems: string[] } {
  const problems: string[] = [];
  const body: Record<string, string> = Object.fromEntries(RESOLUTIONS.map((r) => [r, formatRetention(defaults)[r]]));
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, duration, ...rest] = part.split(":");
    if (!RESOLUTIONS.includes(name as Resolution) || duration === undefined || rest.length > 0) {
      problems.push(`"${part}": expected <raw|1m|1h>:<duration>, e.g. raw:14d`);
      continue;
    }
    body[name] = duration;
  }
  if (problems.length > 0) return { problems };
  const parsed = retentionBodySchema.safeParse(body);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  return { policy: parsed.data };
}

/** The policy as durations (`{"raw":"14d",…}`), the shape the API speaks. */
export function formatRetention(policy: RetentionPolicy): Record<Resolution, string> {
  return { raw: formatRetentionDuration(policy.raw), "1m": formatRetentionDuration(policy["1m"]), "1h": formatRetentionDuration(policy["1h"]) };
}

// Whole years and days read better than formatDuration's decimal days for retentions.
function formatRetentionDuration(ms: number): string {
  const year = parseDuration("1y")!;
  const day = parseDuration("1d")!;
  if (ms % year === 0) return `${ms / year}y`;
  if (ms % day === 0) return `${ms / day}d`;
  return formatDuration(ms);
}
