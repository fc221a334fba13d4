import { z } from "zod";
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

const envSchema = z.object({
  PORT: port.default(3000),
  DATABASE_URL: z.string().default("file:./data/deploylines.db"),
  DEPLOYLINES_TOKEN: z.string().optional(),
  DEPLOYLINES_DATA_DIR: z.string().optional(),
  DEPLOYLINES_GRAPHITE_PORT: listenerPort(2003),
  DEPLOYLINES_STATSD_PORT: listenerPort(8125),
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
