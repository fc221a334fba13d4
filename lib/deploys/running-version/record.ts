import "server-only";
import { readEnv } from "@/lib/config/env";
import type { RunningVersion } from "@/lib/ingest/schema";
import type { DeploymentRow, Store } from "@/lib/store/types";
import { detectedDeploy } from "./detect-rule";
import { versionReports } from "./reports";

export interface RecordedVersions {
  /** Reports stored: one per (service, environment) of the batch. */
  reports: number;
  /** Reports left out: invalid names or versions, older duplicates, pairs beyond the per-batch bound. */
  ignored: number;
  /** Rows whose version changed (first reports included). */
  changes: number;
  detected: DeploymentRow[];
}

/**
 * Stores what services reported about their own version after an ingest batch, and records a
 * `detected` deploy for each change no recorded deploy accounts for (see `detectedDeploy`) —
 * all in one transaction, each change once however many instances receive the reports.
 * `via` names what carried them (e.g. `OTLP (service.version)`) in the deploy's description.
 */
export async function recordRunningVersions(
  store: Store,
  versions: readonly RunningVersion[] | undefined,
  now = Date.now(),
  options: { windowMs?: number; via?: string } = {},
): Promise<RecordedVersions> {
  if (!versions || versions.length === 0) return { reports: 0, ignored: 0, changes: 0, detected: [] };
  const environments = await store.listEnvironments();
  const { reports, ignored } = versionReports(versions, { defaultEnvironment: environments.at(-1)?.name ?? "prod", now });
  const windowMs = options.windowMs ?? readEnv().DEPLOYLINES_DETECT_WINDOW;
  const { changes, detected } = await store.upsertRunningVersions(reports, { windowMs, detect: (change, sameVersion) => detectedDeploy(change, sameVersion, { windowMs, via: options.via }) });
  return { reports: reports.length, ignored, changes: changes.length, detected };
}
