import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { parseScrapeList } from "@/lib/ingest/scrape/targets";
import { DEFAULT_RETENTION } from "@/lib/series/retention";
import { parseRetentionSpec } from "@/lib/series/retention-schema";
import { parseDuration } from "@/lib/time/parse-duration";

const port = z.coerce.number().int().min(1).max(65535);
/** A listener port: a number, or `0`/`off` to turn the listener off (null). */
const listenerPort = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === "") return fallback;
      if (raw === "0" || raw.toLowerCase() === "off") return null;
      const parsed = port.safeParse(raw);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `expected a port number, 0 or off, got "${raw}"` });
        return z.NEVER;
      }
      return parsed.data;
    });

/**
 * A duration such as 30s, 5m or 30d in ms, at least `min`; with `off` allowed, `0`/`off` give 0 (never).
 */
const duration = (fallback: string, min: number, { off = true } = {}) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      if (off && (raw === "0" || raw.toLowerCase() === "off")) return 0;
      const ms = parseDuration(raw);
      if (ms === null || ms < min) {
        ctx.addIssue({ code: "custom", message: `expected a duration such as 30s, 5m or 30d (at least ${min} ms)${off ? ", or off" : ""}, got "${raw}"` });
        return z.NEVER;
      }
      return ms;
    });

/** An on/off switch: `1` or `true` turns it on. */
const flag = z
  .string()
  .optional()
  .transform((v) => v === "1" || v === "true");

const envSchema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.string().default("file:./data/deploylines.db"),
  DEPLOYLINES_TOKEN: z.string().optional(),
  /** Ingest-only tokens (comma-separated): metrics, builds, deploys, samples — never retention, criteria or settings. */
  DEPLOYLINES_INGEST_TOKEN: z.string().optional(),
  /** Believe X-Forwarded-Host/-Proto (set it only behind a proxy that overwrites them). */
  DEPLOYLINES_TRUST_PROXY: flag,
  /** Largest ingest body (POST /api/v1/metrics, dark-launch samples), in bytes. */
  DEPLOYLINES_INGEST_MAX_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024),
  /** Series (name × label set) the store holds at most: a batch making more is refused whole. */
  DEPLOYLINES_MAX_SERIES: z.coerce.number().int().min(1).default(1_000_000),
  DEPLOYLINES_DATA_DIR: z.string().optional(),
  /** The service a Grafana annotation is recorded against when none of its tags names one. */
  DEPLOYLINES_DEFAULT_SERVICE: z.preprocess((raw) => (raw === "" ? undefined : raw), nameSchema.optional()),
  DEPLOYLINES_GRAPHITE_PORT: listenerPort(2003),
  DEPLOYLINES_PICKLE_PORT: listenerPort(2004),
  DEPLOYLINES_STATSD_PORT: listenerPort(8125),
  /** Graphite plaintext and pickle connections served at once, per listener. */
  DEPLOYLINES_GRAPHITE_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** A Graphite connection that sends nothing this long is closed. */
  DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT: duration("5m", 100),
  /** StatsD names (any type) held between two flushes; samples for more are refused and counted. */
  DEPLOYLINES_STATSD_MAX_NAMES: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  DEPLOYLINES_STATSD_PERCENTILES: z
    .string()
    .default("90,95,99")
    .transform((raw, ctx) => {
      const pcts = raw.split(",").map((p) => p.trim()).filter((p) => p !== "").map(Number);
      if (pcts.length > 20 || pcts.some((p) => !(p > 0 && p <= 100) || !/^\d+(\.\d{1,3})?$/.test(String(p)))) {
        ctx.addIssue({ code: "custom", message: `expected up to 20 comma-separated percentiles in (0, 100] such as 90,95,99.9, got "${raw}"` });
        return z.NEVER;
      }
      return pcts;
    }),
  /** Write statsd's own Graphite names (stats.X, stats_counts.X, stats.timers.X.*, …). */
  DEPLOYLINES_STATSD_LEGACY_NAMESPACE: flag,
  /** SO_RCVBUF asked for the StatsD socket, in bytes; Linux caps it at net.core.rmem_max. */
  DEPLOYLINES_STATSD_RECV_BUFFER: z.coerce.number().int().min(0).max(1 << 30).default(8 * 1024 * 1024),
  /** Targets to scrape, `service=url` pairs: `auth=http://127.0.0.1:9100/metrics,checkout=http://…`. */
  DEPLOYLINES_SCRAPE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseScrapeList(raw ?? "");
      if ("problems" in parsed) {
        ctx.addIssue({ code: "custom", message: `expected service=url pairs, comma-separated — ${parsed.problems.join("; ")}` });
        return z.NEVER;
      }
      return parsed.targets;
    }),
  /** A JSON list of {service, url, labels?} to scrape as well; read once at start. */
  DEPLOYLINES_SCRAPE_FILE: z
    .string()
    .optional()
    .transform((raw) => raw?.trim() || null),
  /** How often each target is scraped; each scrape may take min(interval, 10 s). */
  DEPLOYLINES_SCRAPE_INTERVAL: duration("15s", 1_000, { off: false }),
  /** How long a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
  DEPLOYLINES_SHUTDOWN_TIMEOUT: duration("25s", 1_000),
  DEPLOYLINES_STATSD_FLUSH: z
    .string()
    .default("10s")
    .transform((raw, ctx) => {
      const ms = parseDuration(raw);
      if (ms === null || ms < 100) {
        ctx.addIssue({ code: "custom", message: `expected a flush interval such as 10s or 500ms (at least 100ms), got "${raw}"` });
        return z.NEVER;
      }
      return ms;
    }),
  // Unset means "not configured": a policy saved through the API, else the default, applies.
  DEPLOYLINES_RETENTION: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return null;
      const parsed = parseRetentionSpec(raw, DEFAULT_RETENTION);
      if ("problems" in parsed) {
        ctx.addIssue({ code: "custom", message: `expected e.g. raw:14d,1m:90d,1h:3y — ${parsed.problems.join("; ")}` });
        return z.NEVER;
      }
      return parsed.policy;
    }),
  /** Ingest requests processed at once; as many more wait, and beyond that the API answers 503. */
  DEPLOYLINES_INGEST_MAX_INFLIGHT: z.coerce.number().int().min(1).max(1000).default(8),
  /** Where people reach this server, for absolute links in notifications (e.g. https://deploylines.example.com). */
  DEPLOYLINES_PUBLIC_URL: z
    .string()
    .optional()
    .refine((u) => u === undefined || u === "" || /^https?:\/\/[^\s]+$/i.test(u), { message: "expected an http(s) URL" }),
  /** Dark-launch samples and deploy timeline events older than this are deleted by the retention job. */
  DEPLOYLINES_SAMPLES_RETENTION: duration("30d", 3_600_000, { off: false }),
  DEPLOYLINES_EVENTS_RETENTION: duration("365d", 3_600_000, { off: false }),
  /** How long a service may report a version other than its last recorded deploy's before that is version drift; `0`/`off`: at once. */
  DEPLOYLINES_DRIFT_GRACE: duration("10m", 0),
  /** A reported version change with a deploy of that version recorded this close (either side) is that deploy, not a detected one. */
  DEPLOYLINES_DETECT_WINDOW: duration("15m", 0, { off: false }),
  /** A Prometheus-compatible query API (Prometheus, VictoriaMetrics, Thanos, Mimir) that every metric read goes to; unset: the embedded store. */
  DEPLOYLINES_METRICS_URL: z
    .string()
    .optional()
    .transform((u) => (u === undefined || u.trim() === "" ? null : u.trim().replace(/\/+$/, "")))
    .refine((u) => u === null || /^https?:\/\/[^\s]+$/i.test(u), { message: "expected an http(s) URL such as http://prometheus:9090" }),
  /** Sent as `Authorization: Bearer <token>` to the metrics backend. */
  DEPLOYLINES_METRICS_BEARER: z.string().optional(),
  /** `user:password` sent as basic auth to the metrics backend. */
  DEPLOYLINES_METRICS_BASIC_AUTH: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || v.includes(":"), { message: "expected user:password" }),
  /** The label naming a series' service on the metrics backend (`job` is tried when it finds none). */
  DEPLOYLINES_METRICS_SERVICE_LABEL: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a label name").default("service"),
  /** How long one request to the metrics backend may take before the read fails with a 504. */
  DEPLOYLINES_METRICS_TIMEOUT: duration("15s", 100, { off: false }),
  /** Largest response body accepted from the metrics backend, in bytes. */
  DEPLOYLINES_METRICS_MAX_BYTES: z.coerce.number().int().min(1024).default(32 * 1024 * 1024),
  /** `1`/`true`: the auth demo; `team`: the auth demo plus 50 services, ~20,000 series and ~5,000 deploys. */
  DEPLOYLINES_DEMO: z
    .string()
    .optional()
    .transform((v) => (v === "team" ? ("team" as const) : v === "1" || v === "true" ? ("auth" as const) : false)),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** Reads and validates the server's environment; throws a readable error naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid deploylines configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
