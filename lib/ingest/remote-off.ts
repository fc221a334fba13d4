import "server-only";
import { readEnv } from "@/lib/config/env";
import { ApiError } from "@/lib/http/api-error";

/**
 * Why deploylines' own metric ingest is off, or null when it is on: with a remote metrics
 * source every chart reads the backend, so points written here would never be seen.
 */
export function ingestOffReason(env = readEnv()): string | null {
  const url = env.DEPLOYLINES_METRICS_URL;
  return url === null ? null : `metric ingest is off: metrics are read from the Prometheus-compatible backend at ${url} (DEPLOYLINES_METRICS_URL); send them there`;
}

/** A 409 naming the backend when ingest is off. */
export function refuseIngestWhenRemote(): void {
  const reason = ingestOffReason();
  if (reason) throw new ApiError(409, reason, [{ where: "DEPLOYLINES_METRICS_URL", message: reason }]);
}
