import type { SampleDiffEntry } from "./schema";

/** Headers whose values are credentials: never stored in a sample, whatever the proxy is told to compare. */
export const SENSITIVE_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"];

export const REDACTED = "[redacted]";

/**
 * The diff with the values of sensitive headers replaced by `[redacted]`: that they differ (or
 * are missing on one side) is kept, what they were is not. `extra` names further headers an
 * operator marked sensitive; names are case-insensitive.
 */
export function redactHeaderDiffs(diff: SampleDiffEntry[] | null, extra: string[] = []): SampleDiffEntry[] | null {
  if (!diff) return diff;
  const sensitive = new Set([...SENSITIVE_HEADERS, ...extra.map((h) => h.toLowerCase())]);
  return diff.map((entry) => {
    if (!entry.path.startsWith("headers.") || !sensitive.has(entry.path.slice("headers.".length).toLowerCase())) return entry;
    return { path: entry.path, ...("primary" in entry && { primary: REDACTED }), ...("candidate" in entry && { candidate: REDACTED }) };
  });
}
