import { bigint, boolean, customType, doublePrecision, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";

// Same export names and columns as ./sqlite.ts (a parity test keeps them in step).
// Times are epoch milliseconds as bigint read back as JS numbers. The metric id leads
// every points key, and time has a BRIN index, so the table can be partitioned later.

const ms = (name: string) => bigint(name, { mode: "number" });

// node-postgres already parses jsonb; drizzle's own jsonb column parses any string it gets a
// second time, so a stored "123" came back as 123 where SQLite's JSON text returns "123".
const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => "jsonb",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

export const metrics = pgTable(
  "metrics",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    // The label set's canonical text (lib/series/labels.ts), "" for a plain Graphite/StatsD name.
    labels: text("labels").notNull().default(""),
    kind: text("kind").notNull().default("gauge"),
    unit: text("unit"),
    firstSeen: ms("first_seen").notNull(),
    lastSeen: ms("last_seen").notNull(),
    lastTs: ms("last_ts").notNull(),
    lastValue: doublePrecision("last_value").notNull(),
    // Minute rollups before this time are stored rows; from it on they are computed from the raw
    // points, which are still kept there (lib/series/chunks/rolled-until.ts).
    rolledUntil: ms("rolled_until").notNull().default(0),
  },
  // A series is a name plus a label set; the name leads, so name prefixes and keyset pages use this index.
  (t) => [uniqueIndex("metrics_name_labels").on(t.name, t.labels)],
);

export const points = pgTable(
  "points",
  {
    metricId: integer("metric_id").notNull(),
    ts: ms("ts").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.ts] }), index("points_ts_brin").using("brin", t.ts)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// Sealed raw points, compressed (lib/series/chunks/codec.ts): one row per series per 2-hour block
// (more when a block holds over CHUNK_MAX_POINTS), keyed by its first timestamp. Newer points stay
// rows in `points`, the head, until their block is sealed.
export const pointChunks = pgTable(
  "point_chunks",
  {
    metricId: integer("metric_id").notNull(),
    startTs: ms("start_ts").notNull(),
    endTs: ms("end_ts").notNull(),
    count: integer("count").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.startTs] })],
);

const rollupColumns = () => ({
  metricId: integer("metric_id").notNull(),
  ts: ms("ts").notNull(),
  min: doublePrecision("min").notNull(),
  max: doublePrecision("max").notNull(),
  sum: doublePrecision("sum").notNull(),
  count: integer("count").notNull(),
  last: doublePrecision("last").notNull(),
  lastTs: ms("last_ts").notNull(),
});

export const rollups1m = pgTable("rollups_1m", rollupColumns(), (t) => [primaryKey({ columns: [t.metricId, t.ts] })]);
export const rollups1h = pgTable("rollups_1h", rollupColumns(), (t) => [primaryKey({ columns: [t.metricId, t.ts] })]);

export const services = pgTable("services", {
  name: text("name").primaryKey(),
  keepBuilds: integer("keep_builds").notNull().default(10),
  logUrlTemplate: text("log_url_template"),
  criteria: jsonb("criteria"),
  darkLaunchCriteria: jsonb("dark_launch_criteria"),
  /** Bumped by every criteria change, so a verdict computed on older criteria is not written. */
  criteriaVersion: integer("criteria_version").notNull().default(0),
  /** Link to one commit, `{sha}` replaced (http or https only), e.g. https://github.com/org/repo/commit/{sha}. */
  commitUrlTemplate: text("commit_url_template"),
  /** The metrics pinned first on the service's dashboard, in order. */
  keyMetrics: jsonb("key_metrics").$type<string[]>(),
  createdAt: ms("created_at").notNull(),
});

export const environments = pgTable("environments", {
  name: text("name").primaryKey(),
  position: integer("position").notNull(),
});

export const builds = pgTable(
  "builds",
  {
    id: serial("id").primaryKey(),
    service: text("service").notNull(),
    version: text("version").notNull(),
    commit: text("commit"),
    branch: text("branch"),
    author: text("author"),
    artifactUrl: text("artifact_url"),
    ciUrl: text("ci_url"),
    committedAt: ms("committed_at"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [uniqueIndex("builds_service_version").on(t.service, t.version), index("builds_service_created").on(t.service, t.createdAt)],
);

export const deployments = pgTable(
  "deployments",
  {
    id: serial("id").primaryKey(),
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    version: text("version").notNull(),
    previousVersion: text("previous_version"),
    commit: text("commit"),
    author: text("author"),
    description: text("description"),
    kind: text("kind").notNull().default("deploy"),
    strategy: text("strategy").notNull().default("all-at-once"),
    status: text("status").notNull().default("succeeded"),
    startedAt: ms("started_at").notNull(),
    finishedAt: ms("finished_at"),
    instancesDone: integer("instances_done"),
    instancesTotal: integer("instances_total"),
    rollbackOf: integer("rollback_of"),
    reason: text("reason"),
    links: jsonb("links").$type<Record<string, string>>(),
    warnings: jsonb("warnings").$type<string[]>(),
    source: text("source").notNull().default("api"),
    verdictStatus: text("verdict_status").notNull().default("pending"),
    verdict: jsonb("verdict"),
    verdictAt: ms("verdict_at"),
    impact: jsonb("impact"),
    suspect: boolean("suspect").notNull().default(false),
    /** Why the last judging attempt threw, and when to try again: a throwing deploy backs off instead of heading the queue. */
    judgeError: text("judge_error"),
    judgeAttempts: integer("judge_attempts").notNull().default(0),
    judgeRetryAt: ms("judge_retry_at"),
    createdAt: ms("created_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [
    index("deployments_service_started").on(t.service, t.startedAt),
    index("deployments_started").on(t.startedAt),
    index("deployments_verdict").on(t.verdictStatus),
  ],
);

export const deploymentEvents = pgTable(
  "deployment_events",
  {
    id: serial("id").primaryKey(),
    deploymentId: integer("deployment_id").notNull(),
    ts: ms("ts").notNull(),
    status: text("status").notNull(),
    instancesDone: integer("instances_done"),
    instancesTotal: integer("instances_total"),
    message: text("message"),
  },
  (t) => [index("deployment_events_deployment").on(t.deploymentId, t.ts), index("deployment_events_ts").on(t.ts)],
);

export const darkLaunches = pgTable("dark_launches", {
  service: text("service").primaryKey(),
  candidateVersion: text("candidate_version"),
  state: text("state").notNull().default("running"),
  /** The readiness verdict last notified, so that a change (and only a change) sends a webhook. */
  readiness: text("readiness"),
  updatedAt: ms("updated_at").notNull(),
});

export const darkLaunchSamples = pgTable(
  "dark_launch_samples",
  {
    id: serial("id").primaryKey(),
    service: text("service").notNull(),
    ts: ms("ts").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    endpoint: text("endpoint").notNull(),
    primaryStatus: integer("primary_status").notNull(),
    candidateStatus: integer("candidate_status"),
    match: boolean("match").notNull(),
    primaryMs: doublePrecision("primary_ms").notNull(),
    candidateMs: doublePrecision("candidate_ms"),
    candidateError: text("candidate_error"),
    diff: jsonb("diff"),
  },
  (t) => [index("dark_launch_samples_service_ts").on(t.service, t.ts)],
);

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

/**
 * UI sign-ins: the cookie holds a random id, this table only its hash, so a database dump
 * signs nobody in. A session stops working when it expires, is signed out, or the token that
 * made it (its fingerprint) is no longer accepted.
 */
export const sessions = pgTable("sessions", {
  idHash: text("id_hash").primaryKey(),
  tokenFingerprint: text("token_fingerprint").notNull(),
  scope: text("scope").notNull(),
  createdAt: ms("created_at").notNull(),
  expiresAt: ms("expires_at").notNull(),
});

/** Background work (rollups, verdicts, retention, demo feed) runs on the instance holding the lease. */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  owner: text("owner").notNull(),
  expiresAt: ms("expires_at").notNull(),
});

/** The commits a build carries (those since the service's previous build), in `git log` order, newest first. */
export const buildCommits = pgTable(
  "build_commits",
  {
    buildId: integer("build_id").notNull(),
    position: integer("position").notNull(),
    sha: text("sha").notNull(),
    message: text("message").notNull(),
    author: text("author"),
    at: ms("at"),
  },
  (t) => [primaryKey({ columns: [t.buildId, t.position] })],
);

/** Where notifications go: one service's events, or every service's when `service` is null. */
export const webhooks = pgTable("webhooks", {
  id: serial("id").primaryKey(),
  service: text("service"),
  url: text("url").notNull(),
  format: text("format").notNull().default("json"),
  secret: text("secret").notNull(),
  events: jsonb("events").$type<string[]>().notNull(),
  createdAt: ms("created_at").notNull(),
});

/** The outbox: one row per notification and receiver, drained by the delivery job; doubles as the delivery log. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: serial("id").primaryKey(),
    webhookId: integer("webhook_id").notNull(),
    event: text("event").notNull(),
    service: text("service").notNull(),
    payload: jsonb("payload").notNull(),
    state: text("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ms("next_attempt_at").notNull(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: ms("created_at").notNull(),
    deliveredAt: ms("delivered_at"),
  },
  (t) => [index("webhook_deliveries_due").on(t.state, t.nextAttemptAt), index("webhook_deliveries_created").on(t.createdAt)],
);

/**
 * What each service says it runs, per environment (OTel `service.version`, a `*_build_info`
 * version label): the version last reported, since when, and the one before it. A change with
 * no deploy recorded becomes a detected deploy; a mismatch with the last recorded one is drift.
 */
export const runningVersions = pgTable(
  "running_versions",
  {
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    version: text("version").notNull(),
    /** When it was first seen reporting this version. */
    since: ms("since").notNull(),
    lastSeen: ms("last_seen").notNull(),
    previousVersion: text("previous_version"),
    /** The drift last notified (`running→deployed`), so a webhook fires once when drift starts. */
    driftNotified: text("drift_notified"),
  },
  (t) => [primaryKey({ columns: [t.service, t.environment] })],
);
