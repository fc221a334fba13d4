import type { Problem } from "@/lib/http/problem";
import { deploymentInputSchema, type DeploymentInput } from "@/lib/deploys/schema";
import { problemsFromZod } from "@/lib/http/problem";

/** How tags become a deployment; quoted in every 400 so a pipeline author can fix the call. */
export const TAG_RULES =
  "tags must include `deploy` (or `deployment`) or `rollback`, plus `service:<name>` and `version:<version>`; " +
  "optional: `env:<environment>` or `environment:<environment>` (default prod), `commit:<sha>`, `author:<who>`, " +
  "`strategy:rolling|all-at-once|canary`, `status:in_progress|succeeded|failed`; " +
  "a Grafana annotation without a deploy tag is a deploy of the service named by a tag or DEPLOYLINES_DEFAULT_SERVICE";

const KEYS: Record<string, keyof DeploymentInput> = {
  service: "service",
  env: "environment",
  environment: "environment",
  version: "version",
  commit: "commit",
  author: "author",
  strategy: "strategy",
  status: "status",
};

/** Tags as Graphite and Grafana send them: an array, or one string separated by spaces or commas. */
export function splitTags(raw: string | readonly string[] | null | undefined): string[] {
  const parts = typeof raw === "string" ? raw.split(/[\s,]+/) : (raw ?? []).flatMap((t) => t.split(/[\s,]+/));
  return parts.map((t) => t.trim()).filter(Boolean);
}

/** What a generic annotation (one without a deploy or rollback tag) is recorded against. */
export interface GenericFallback {
  /** DEPLOYLINES_DEFAULT_SERVICE: the service when no tag names one. */
  defaultService?: string;
  /** Known service names: a bare tag equal to one names the service. */
  services?: readonly string[];
}

/** The version recorded for a generic annotation that names none. */
export const UNKNOWN_VERSION = "unknown";

/**
 * Completes a generic annotation's tags so they map to a deploy: Grafana users mark releases with
 * free-form tags (`["release", "auth"]`), and refusing them would lose the mark. The service is a
 * `service:` tag, else a bare tag naming a known service, else the configured default.
 */
export function genericDeployTags(tags: readonly string[], fallback: GenericFallback): string[] {
  const lower = tags.map((t) => t.toLowerCase());
  if (lower.some((t) => t === "deploy" || t === "deployment" || t === "rollback")) return [...tags];
  const completed = ["deploy", ...tags];
  if (!lower.some((t) => t.startsWith("service:"))) {
    const service = tags.find((t) => fallback.services?.includes(t)) ?? fallback.defaultService;
    if (service) completed.push(`service:${service}`);
  }
  if (!lower.some((t) => t.startsWith("version:"))) completed.push(`version:${UNKNOWN_VERSION}`);
  return completed;
}

export type TagMapping = { ok: true; input: DeploymentInput } | { ok: false; problems: Problem[] };

/**
 * Maps an event's tags (plus its times and text) to a deployment record, following `TAG_RULES`.
 * `key:value` tags are matched case-insensitively on the key; unknown tags are ignored.
 */
export function deploymentFromTags(tags: readonly string[], event: { startedAt?: number; finishedAt?: number | null; description?: string | null }): TagMapping {
  const fields: Record<string, string> = {};
  let kind: "deploy" | "rollback" | undefined;
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (lower === "deploy" || lower === "deployment") kind ??= "deploy";
    else if (lower === "rollback") kind = "rollback";
    const colon = tag.indexOf(":");
    if (colon > 0) {
      const key = KEYS[tag.slice(0, colon).toLowerCase()];
      if (key) fields[key] = tag.slice(colon + 1);
    }
  }
  const problems: Problem[] = [];
  if (!kind) problems.push({ where: "tags", message: `no deploy or rollback tag; ${TAG_RULES}` });
  if (!fields.service) problems.push({ where: "tags", message: `no service:<name> tag; ${TAG_RULES}` });
  if (!fields.version) problems.push({ where: "tags", message: `no version:<version> tag; ${TAG_RULES}` });
  if (problems.length > 0) return { ok: false, problems };
  const parsed = deploymentInputSchema.safeParse({
    environment: "prod",
    ...fields,
    kind,
    startedAt: event.startedAt,
    finishedAt: event.finishedAt,
    description: event.description?.slice(0, 2000) || null,
  });
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error).map((p) => ({ where: `tags (${p.where})`, message: p.message })) };
  return { ok: true, input: parsed.data };
}
