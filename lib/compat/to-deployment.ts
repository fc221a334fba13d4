import { parseTime } from "@/lib/time/parse-time";
import type { GrafanaAnnotation, GraphiteEvent } from "./schema";
import { deploymentFromTags, genericDeployTags, splitTags, type GenericFallback, type TagMapping } from "./tags";

/**
 * A Graphite event as a deployment: `when` (unix seconds) is its start, `what` and `data` its
 * description; one without deploy tags is completed from `fallback`, as a Grafana annotation is.
 */
export function deploymentFromGraphiteEvent(event: GraphiteEvent, fallback: GenericFallback = {}, now = Date.now()): TagMapping {
  const startedAt = event.when === undefined ? now : parseTime(event.when, now);
  if (startedAt === null) return { ok: false, problems: [{ where: "when", message: `"${event.when}" is not a time: send unix seconds` }] };
  const description = [event.what, event.data].filter(Boolean).join(" — ");
  return deploymentFromTags(genericDeployTags(splitTags(event.tags), fallback), { startedAt, description });
}

/**
 * A Grafana annotation as a deployment: `time`/`timeEnd` (ms) its start and finish, `text` its
 * description; one without deploy tags is completed from `fallback` (see `genericDeployTags`).
 */
export function deploymentFromGrafanaAnnotation(annotation: GrafanaAnnotation, fallback: GenericFallback = {}, now = Date.now()): TagMapping {
  const startedAt = annotation.time ?? now;
  const finishedAt = annotation.timeEnd && annotation.timeEnd > startedAt ? annotation.timeEnd : undefined;
  return deploymentFromTags(genericDeployTags(splitTags(annotation.tags), fallback), { startedAt, finishedAt, description: annotation.text });
}
