import { darkLaunchCriteriaSchema, type DarkLaunchCriteria } from "./schema";

/**
 * A team's dark-launch criteria as stored on the service, with the defaults for what is unset.
 * A stored value that no longer validates (an older shape) falls back to the defaults rather
 * than breaking the page.
 */
export function criteriaOf(stored: unknown): DarkLaunchCriteria {
  const parsed = darkLaunchCriteriaSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : darkLaunchCriteriaSchema.parse({});
}
