import { DEFAULT_RETENTION, type RetentionPolicy } from "./retention";

const POLICY = Symbol.for("deploylines.retention");
type Holder = { [POLICY]?: RetentionPolicy };

/** The retention policy in force in this process (loaded from settings at start, changed through the API). */
export function currentRetention(): RetentionPolicy {
  return (globalThis as Holder)[POLICY] ?? DEFAULT_RETENTION;
}

/** Replaces the policy in force in this process. */
export function setCurrentRetention(policy: RetentionPolicy): void {
  (globalThis as Holder)[POLICY] = policy;
}
