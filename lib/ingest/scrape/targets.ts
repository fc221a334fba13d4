import fs from "node:fs";
import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { labelsSchema } from "@/lib/ingest/schema";
import { labelKey, type Labels } from "@/lib/series/labels";

/** Targets one configuration may list (DEPLOYLINES_SCRAPE and the targets file together). */
export const MAX_SCRAPE_TARGETS = 1_000;
/** The targets file is read whole at start; a list of 1,000 targets is far below this. */
const MAX_TARGETS_FILE_BYTES = 1024 * 1024;

const scrapeUrlSchema = z
  .string()
  .max(2048)
  .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && new URL(url).hostname !== "", "expected an http(s) URL such as http://10.0.0.5:9100/metrics");

/** One entry of DEPLOYLINES_SCRAPE_FILE: the service it scrapes, its /metrics URL and labels for its samples. */
export const scrapeTargetConfigSchema = z
  .object({
    service: nameSchema,
    url: scrapeUrlSchema,
    // `job` and `instance` may be set here, as in Prometheus' static_configs; `service` is the field above.
    labels: labelsSchema.refine((labels) => !Object.hasOwn(labels, "service"), "labels may not set service: use the service field").optional(),
  })
  .strict();

export const scrapeTargetsFileSchema = z.array(scrapeTargetConfigSchema).max(MAX_SCRAPE_TARGETS);

export type ScrapeTargetConfig = z.infer<typeof scrapeTargetConfigSchema>;

/** A target ready to scrape: where, and the labels every sample it serves (and its `up`) is stored with. */
export interface ScrapeTarget {
  service: string;
  url: string;
  /** `host:port` of the URL, the port filled in from the scheme as Prometheus 2 does. */
  instance: string;
  /** `service`, `job` (the service unless configured) and `instance`, plus any configured labels. */
  labels: Labels;
}

/**
 * Reads DEPLOYLINES_SCRAPE: comma-separated `service=url` pairs, e.g.
 * `auth=http://127.0.0.1:9100/metrics,checkout=http://10.0.0.7:8080/metrics`. Empty means none.
 */
export function parseScrapeList(raw: string): { targets: ScrapeTargetConfig[] } | { problems: string[] } {
  const targets: ScrapeTargetConfig[] = [];
  const problems: string[] = [];
  const entries = raw.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  if (entries.length > MAX_SCRAPE_TARGETS) return { problems: [`at most ${MAX_SCRAPE_TARGETS} targets, got ${entries.length}`] };
  for (const entry of entries) {
    const eq = entry.indexOf("=");
    const parsed = scrapeTargetConfigSchema.safeParse({ service: entry.slice(0, Math.max(0, eq)), url: entry.slice(eq + 1) });
    if (eq <= 0) problems.push(`"${entry.slice(0, 80)}" is not service=url`);
    else if (!parsed.success) problems.push(`"${entry.slice(0, 80)}": ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    else targets.push(parsed.data);
  }
  return problems.length > 0 ? { problems } : { targets };
}

/** Reads and validates a targets file (a JSON list of {service, url, labels?}); throws naming the file and each problem. */
export function readTargetsFile(file: string): ScrapeTargetConfig[] {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_TARGETS_FILE_BYTES) throw new Error(`${size} bytes, at most ${MAX_TARGETS_FILE_BYTES}`);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`DEPLOYLINES_SCRAPE_FILE ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`DEPLOYLINES_SCRAPE_FILE ${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = scrapeTargetsFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("") || "(top)"}: ${i.message}`);
    throw new Error(`DEPLOYLINES_SCRAPE_FILE ${file}: expected a list of {service, url, labels?}:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The `host:port` Prometheus 2 labels a target's samples `instance` with: the URL's port, else the scheme's. */
export function instanceOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === "https:" ? "443" : "80")}`;
}

/**
 * The targets to scrape, from both sources; throws when two of them would write the same series
 * (the same labels: service, job and instance), as Prometheus refuses duplicate targets.
 */
export function scrapeTargets(configs: readonly ScrapeTargetConfig[]): ScrapeTarget[] {
  if (configs.length > MAX_SCRAPE_TARGETS) throw new Error(`at most ${MAX_SCRAPE_TARGETS} scrape targets, got ${configs.length}`);
  const seen = new Map<string, ScrapeTargetConfig>();
  return configs.map((config) => {
    const instance = instanceOf(config.url);
    const labels: Labels = { job: config.service, instance, ...config.labels, service: config.service };
    const key = labelKey(labels);
    const twin = seen.get(key);
    if (twin) throw new Error(`scrape targets ${twin.service}=${twin.url} and ${config.service}=${config.url} would write the same series {${key}}`);
    seen.set(key, config);
    return { service: config.service, url: config.url, instance: labels.instance, labels };
  });
}
