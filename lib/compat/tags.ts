import type { Problem } from "@/lib/http/problem";
import { deploymentInputSchema, type DeploymentInput } from "@/lib/deploys/schema";
import { problemsFromZod } from "@/lib/http/problem";

/** How tags become a deployment; quoted in every 400 so a pipeline author can fix the call. */
export const TAG_RULES =
  "tags must include `deploy` (or `deployment`) or `rollback`, plus `service:<name>` and `version:<version>`; " +
  "optional: `env:<environment>` or `environment:<environment>` (default prod), `commit:<sha>`, `author:<who>`, " +
  "`strategy:rolling|all-at-once|canary`, `status:in_progress|succeeded|failed`";

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
