import "server-only";
import type { DeploymentRow, Store } from "@/lib/store/types";
import { badRequest } from "@/lib/http/api-error";
import { parseGraphiteTime } from "./at-time";

/** An event as graphite-web's `/events/get_data` lists it (events/models.py as_dict): `when` in epoch seconds. */
export interface GraphiteEventOut {
  when: number;
  what: string;
  tags: string[];
  data: string;
  id: number;
}

export const MAX_EVENTS = 10_000;

/**
 * The tags a deploy is found by: its kind (`deploy` or `rollback`), the service, the environment
 * and the status, each bare and as `key:value` (the form `POST /events/` and Grafana annotations
 * take), plus `version:<v>`. So `deploy`, `auth prod`, `service:auth env:prod` or `rollback` all select.
 */
export function deployTags(d: DeploymentRow): string[] {
  return [d.kind, d.service, `service:${d.service}`, d.environment, `env:${d.environment}`, `status:${d.status}`, `version:${d.version}`];
}

/** graphite-web's matching (events/models.py find_events): all tags by default or with set=intersection, any with set=union. */
export function matchesTags(eventTags: string[], wanted: string[] | null, set: string | null): boolean {
  if (!wanted || wanted.length === 0) return true;
  const have = new Set(eventTags);
  return set === "union" ? wanted.some((t) => have.has(t)) : wanted.every((t) => have.has(t));
}

/**
 * Deploys started in [from, until] as graphite-web events, oldest first. `from` and `until` take
 * Graphite's time formats (default: since the epoch, until now); `tags` is space-separated.
 */
export async function graphiteEvents(store: Store, params: URLSearchParams, now = Date.now()): Promise<GraphiteEventOut[]> {
  const time = (name: string, fallback: number) => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const parsed = parseGraphiteTime(raw, now);
    if (parsed === null) throw badRequest(`${name}="${raw}" is not a Graphite time: use -6h, -1d, now, epoch seconds or HH:MM_YYYYMMDD`, [{ where: name, message: `got "${raw}"` }]);
    return parsed;
  };
  const from = time("from", 0);
  const until = time("until", now);
  const rawTags = params.get("tags");
  const tags = rawTags === null ? null : rawTags.split(" ").filter(Boolean);
  if (tags && tags.length > 50) throw badRequest("at most 50 tags");
  const set = params.get("set");
  const deploys = await store.listDeployments({ from, to: until, limit: MAX_EVENTS });
  return deploys
    .filter((d) => d.startedAt >= from && d.startedAt <= until)
    .map((d) => ({ d, tags: deployTags(d) }))
    .filter(({ tags: eventTags }) => matchesTags(eventTags, tags, set))
    .sort((a, b) => a.d.startedAt - b.d.startedAt || a.d.id - b.d.id)
    .map(({ d, tags: eventTags }) => ({ when: Math.floor(d.startedAt / 1000), what: eventTitle(d), tags: eventTags, data: eventData(d), id: d.id }));
}

/** `auth 1.4.2 to prod`, or `rollback of auth to 1.4.1 in prod`. */
export function eventTitle(d: DeploymentRow): string {
  return d.kind === "rollback" ? `rollback of ${d.service} to ${d.version} in ${d.environment}` : `${d.service} ${d.version} to ${d.environment}`;
}

/** The free text: status, what it replaced, commit, author and description. */
export function eventData(d: DeploymentRow): string {
  return [
    `${d.status}${d.previousVersion ? ` (was ${d.previousVersion})` : ""}`,
    d.commit && `commit ${d.commit}`,
    d.author && `by ${d.author}`,
    d.description,
  ]
    .filter(Boolean)
    .join(" · ");
}
