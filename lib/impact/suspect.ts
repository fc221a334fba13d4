import type { Impact } from "./analyze";

/** A deploy is suspect when any of its service's metrics got significantly worse after it. */
export function isSuspect(impact: Impact): boolean {
  return impact.movers.some((m) => m.regression);
}
