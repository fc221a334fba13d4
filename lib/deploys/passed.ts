/** The fields that decide whether a deploy counts as good. */
export interface JudgedDeploy {
  status: string;
  verdictStatus: string;
}

/**
 * A deploy passed in its environment when it succeeded and its verdict did not fail or
 * degrade. A pending verdict passes: judging takes a window, and a pipeline must not wait on it.
 */
export function passed(d: JudgedDeploy): boolean {
  return d.status === "succeeded" && d.verdictStatus !== "failed" && d.verdictStatus !== "degraded";
}
