import "server-only";
import { requireWriter } from "@/lib/auth/require-writer";
import { isSignedIn } from "@/lib/auth/session";
import { foldEndpoint } from "./endpoint";
import type { MismatchExample } from "./report";
import { REDACTED } from "./redact";
import type { SampleDiffEntry } from "./schema";

/**
 * Whether this reader may see sampled request paths and diff values: a valid Bearer token (any
 * scope) or a signed-in UI session. Anyone else reads the figures with those redacted, since
 * paths and answer bodies can carry customers' ids and data.
 */
export async function readsSampleDetails(req: Request): Promise<boolean> {
  if (req.headers.get("authorization")) {
    try {
      requireWriter(req);
      return true;
    } catch {
      return false;
    }
  }
  return isSignedIn();
}

/** A mismatch as an anonymous reader sees it: the route instead of the path, which fields differ but not their values. */
export function redactMismatch(example: MismatchExample): MismatchExample {
  // Stored diffs are the reporter's validated SampleDiffEntry lists (a JSON column, untyped here).
  const diff = example.diff as SampleDiffEntry[] | null;
  return {
    ...example,
    path: foldEndpoint(example.method, example.path).slice(example.method.length + 1),
    diff: diff?.map((d) => (d.path === "status" ? d : { path: d.path, ...("primary" in d && { primary: REDACTED }), ...("candidate" in d && { candidate: REDACTED }) })) ?? null,
  };
}
