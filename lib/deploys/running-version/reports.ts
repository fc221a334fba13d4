import { nameSchema } from "@/lib/deploys/schema";
import type { RunningVersion } from "@/lib/ingest/schema";
import type { VersionReport } from "@/lib/store/types";

/** Distinct (service, environment) pairs one batch may report; a sender can make up services, so the work per batch stays bounded. */
export const MAX_REPORTS_PER_BATCH = 1000;

export interface ReportOptions {
  /** The environment of a report that names none: the last of the promotion order (usually prod). */
  defaultEnvironment: string;
  /** A report stamped later (a sender's clock ahead) is taken as seen now, so no version runs "since" the future. */
  now: number;
  limit?: number;
}

/**
 * The reports of a batch as stored: one per (service, environment), the newest (on a tie the last
 * given), with the environment filled in and the time clamped to `now`. Reports whose service or
 * environment is not a name deploylines can show (letters, digits, _ . -), or whose version is
 * empty or longer than 100 characters, are ignored, as are pairs beyond `limit`.
 */
export function versionReports(versions: readonly RunningVersion[], { defaultEnvironment, now, limit = MAX_REPORTS_PER_BATCH }: ReportOptions): { reports: VersionReport[]; ignored: number } {
  const newest = new Map<string, VersionReport>();
  let ignored = 0;
  for (const v of versions) {
    const environment = v.environment ?? defaultEnvironment;
    const version = v.version.trim();
    if (!nameSchema.safeParse(v.service).success || !nameSchema.safeParse(environment).success || version === "" || version.length > 100 || !Number.isFinite(v.ts)) {
      ignored++;
      continue;
    }
    const pair = `${v.service}\u0000${environment}`;
    const seen = newest.get(pair);
    if (!seen && newest.size >= limit) {
      ignored++;
      continue;
    }
    const ts = Math.min(Math.round(v.ts), now);
    if (seen) ignored++;
    if (!seen || seen.ts <= ts) newest.set(pair, { service: v.service, environment, version, ts });
  }
  return { reports: [...newest.values()], ignored };
}
