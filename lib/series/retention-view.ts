import "server-only";
import { readEnv } from "@/lib/config/env";
import type { Store } from "@/lib/store/types";
import { lastRetentionRun, type RetentionRun } from "./retention-run";
import { formatRetention } from "./retention-schema";
import { loadRetention, type RetentionSource } from "./retention-settings";

export interface RetentionView {
  /** Durations per resolution, e.g. `{"raw":"14d","1m":"90d","1h":"3y"}`. */
  policy: ReturnType<typeof formatRetention>;
  policyMs: { raw: number; "1m": number; "1h": number };
  source: RetentionSource;
  lastRun: RetentionRun | null;
}

/** The retention policy in force, where it came from, and the last run: `GET /api/v1/retention` and the ingest page. */
export async function retentionView(store: Store): Promise<RetentionView> {
  const { policy, source } = await loadRetention(store, readEnv().DEPLOYLINES_RETENTION);
  return { policy: formatRetention(policy), policyMs: policy, source, lastRun: await lastRetentionRun(store) };
}
