import type { DarkLaunchSampleInsert } from "@/lib/store/types";
import { foldEndpoint } from "./endpoint";
import { redactHeaderDiffs } from "./redact";
import type { DarkLaunchSample } from "./schema";

/**
 * The rows to store for a service's reported samples; an endpoint the reporter left out is folded
 * from method and path. Credential headers are redacted again here, whatever proxy sent the batch.
 */
export function toSampleRows(service: string, samples: DarkLaunchSample[]): DarkLaunchSampleInsert[] {
  return samples.map((s) => ({ ...s, service, endpoint: s.endpoint ?? foldEndpoint(s.method, s.path), diff: redactHeaderDiffs(s.diff) }));
}
