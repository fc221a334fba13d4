import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Times are epoch milliseconds everywhere. The points and rollup tables are created
// WITHOUT ROWID in the migration SQL so that a metric's range read is a clustered scan.

export const metrics = sqliteTable(
  "metrics",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    // The label set's canonical text (lib/series/labels.ts), "" for a plain Graphite/StatsD name.
    labels: text("labels").notNull().default(""),
    kind: text("kind").notNull().default("gauge"),
    unit: text("unit"),
    firstSeen: integer("first_seen").notNull(),
    lastSeen: integer("last_seen").notNull(),
    lastTs: integer("last_ts").notNull(),
    lastValue: real("last_value").notNull(),
    // Minute rollups before this time are stored rows; from it on they are computed from the raw
    // points, which are still kept there (lib/series/chunks/rolled-until.ts).
    rolledUntil: integer("rolled_until").notNull().default(0),
  },
  // A series is a name plus a label set; the name leads, so name prefixes and keyset pages use this index.
  (t) => [uniqueIndex("metrics_name_labels").on(t.name, t.labels)],
);

export const points = sqliteTable(
  "points",
  {
    metricId: integer("metric_id").notNull(),
    ts: integer("ts").notNull(),
    value: real("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.ts] })],
);

// Sealed raw points, compressed (lib/series/chunks/codec.ts): one row per series per 2-hour block
// (more when a block holds over CHUNK_MAX_POINTS), keyed by its first timestamp. Newer points stay
// rows in `points`, the head, until their block is sealed. A rowid table: a chunk of a few hundred
// bytes to a few kB is too wide for a WITHOUT ROWID b-tree, which wants rows under ~200 bytes.
export const pointChunks = sqliteTable(
  "point_chunks",
  {
    metricId: integer("metric_id").notNull(),
    startTs: integer("start_ts").notNull(),
    endTs: integer("end_ts").notNull(),
    count: integer("count").notNull(),
    data: blob("data", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.startTs] })],
);

const rollupColumns = {
  metricId: integer("metric_id").notNull(),
  ts: integer("ts").notNull(),
  min: real("min").notNull(),
  max: real("max").notNull(),
  sum: real("sum").notNull(),
  count: integer("count").notNull(),
  last: real("last").notNull(),
  lastTs: integer("last_ts").notNull(),
};

export const rollups1m = sqliteTable("rollups_1m", rollupColumns, (t) => [primaryKey({ columns: [t.metricId, t.ts] })]);
export const rollups1h = sqliteTable("rollups_1h", rollupColumns, (t) => [primaryKey({ columns: [t.metricId, t.ts] })]);

export const services = sqliteTable("services", {
  name: text("name").primaryKey(),
  keepBuilds: integer("keep_builds").notNull().default(10),
  logUrlTemplate: text("log_url_template"),
  criteria: text("criteria", { mode: "json" }),
  darkLaunchCriteria: text("dark_launch_criteria", { mode: "json" }),
  /** Bumped by every criteria change, so a verdict computed on older criteria is not written. */
  criteriaVersion: integer("criteria_version").notNull().default(0),
  /** Link to one commit, `{sha}` replaced (http or https only), e.g. https://github.com/org/repo/commit/{sha}. */
  commitUrlTemplate: text("commit_url_template"),
  /** The metrics pinned first on the service's dashboard, in order. */
  keyMetrics: text("key_metrics", { mode: "json" }).$type<string[]>(),
  createdAt: integer("created_at").notNull(),
});

export const environments = sqliteTable("environments", {
  name: text("name").primaryKey(),
  position: integer("position").notNull(),
});

export const builds = sqliteTable(
  "builds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    service: text("service").notNull(),
    version: text("version").notNull(),
    commit: text("commit"),
    branch: text("branch"),
    author: text("author"),
    artifactUrl: text("artifact_url"),
    ciUrl: text("ci_url"),
    committedAt: integer("committed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("builds_service_version").on(t.service, t.version), index("builds_service_created").on(t.service, t.createdAt)],
);

export const deployments = sqliteTable(
  "deployments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    instancesDone: integer("instances_done"),
    instancesTotal: integer("instances_total"),
    rollbackOf: integer("rollback_of"),
    reason: text("reason"),
    links: text("links", { mode: "json" }).$type<Record<string, string>>(),
    warnings: text("warnings", { mode: "json" }).$type<string[]>(),
    source: text("source").notNull().default("api"),
    verdictStatus: text("verdict_status").notNull().default("pending"),
    verdict: text("verdict", { mode: "json" }),
    verdictAt: integer("verdict_at"),
    impact: text("impact", { mode: "json" }),
    suspect: integer("suspect", { mode: "boolean" }).notNull().default(false),
    /** Why the last judging attempt threw, and when to try again: a throwing deploy backs off instead of heading the queue. */
    judgeError: text("judge_error"),
    judgeAttempts: integer("judge_attempts").notNull().default(0),
    judgeRetryAt: integer("judge_retry_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("deployments_service_started").on(t.service, t.startedAt),
    index("deployments_started").on(t.startedAt),
    index("deployments_verdict").on(t.verdictStatus),
  ],
);

export const deploymentEvents = sqliteTable(
  "deployment_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deploymentId: integer("deployment_id").notNull(),
    ts: integer("ts").notNull(),
    status: text("status").notNull(),
    instancesDone: integer("instances_done"),
    instancesTotal: integer("instances_total"),
    message: text("message"),
  },
  (t) => [index("deployment_events_deployment").on(t.deploymentId, t.ts), index("deployment_events_ts").on(t.ts)],
);

export const darkLaunches = sqliteTable("dark_launches", {
  service: text("service").primaryKey(),
  candidateVersion: text("candidate_version"),
  state: text("state").notNull().default("running"),
  /** The readiness verdict last notified, so that a change (and only a change) sends a webhook. */
  readiness: text("readiness"),
  updatedAt: integer("updated_at").notNull(),
});

export const darkLaunchSamples = sqliteTable(
  "dark_launch_samples",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    service: text("service").notNull(),
    ts: integer("ts").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    endpoint: text("endpoint").notNull(),
    primaryStatus: integer("primary_status").notNull(),
    candidateStatus: integer("candidate_status"),
    match: integer("match", { mode: "boolean" }).notNull(),
    primaryMs: real("primary_ms").notNull(),
    candidateMs: real("candidate_ms"),
    candidateError: text("candidate_error"),
    diff: text("diff", { mode: "json" }),
  },
  (t) => [index("dark_launch_samples_service_ts").on(t.service, t.ts)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
});

/**
 * UI sign-ins: the cookie holds a random id, this table only its hash, so a database dump
 * signs nobody in. A session stops working when it expires, is signed out, or the token that
 * made it (its fingerprint) is no longer accepted.
 */
export const sessions = sqliteTable("sessions", {
  idHash: text("id_hash").primaryKey(),
  tokenFingerprint: text("token_fingerprint").notNull(),
  scope: text("scope").notNull(),
  createdAt: integer("created_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** Background work (rollups, verdicts, retention, demo feed) runs on the instance holding the lease. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  owner: text("owner").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** The commits a build carries (those since the service's previous build), in `git log` order, newest first. */
export const buildCommits = sqliteTable(
  "build_commits",
  {
    buildId: integer("build_id").notNull(),
    position: integer("position").notNull(),
    sha: text("sha").notNull(),
    message: text("message").notNull(),
    author: text("author"),
    at: integer("at"),
  },
  (t) => [primaryKey({ columns: [t.buildId, t.position] })],
);

/** Where notifications go: one service's events, or every service's when `service` is null. */
export const webhooks = sqliteTable("webhooks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  service: text("service"),
  url: text("url").notNull(),
  format: text("format").notNull().default("json"),
  secret: text("secret").notNull(),
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  createdAt: integer("created_at").notNull(),
});

/** The outbox: one row per notification and receiver, drained by the delivery job; doubles as the delivery log. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webhookId: integer("webhook_id").notNull(),
    event: text("event").notNull(),
    service: text("service").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    state: text("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [index("webhook_deliveries_due").on(t.state, t.nextAttemptAt), index("webhook_deliveries_created").on(t.createdAt)],
);

/**
 * What each service says it runs, per environment (OTel `service.version`, a `*_build_info`
 * version label): the version last reported, since when, and the one before it. A change with
 * no deploy recorded becomes a detected deploy; a mismatch with the last recorded one is drift.
 */
export const runningVersions = sqliteTable(
  "running_versions",
  {
    service: text("service").notNull(),
    environment: text("environment").notNull(),
    version: text("version").notNull(),
    /** When it was first seen reporting this version. */
    since: integer("since").notNull(),
    lastSeen: integer("last_seen").notNull(),
    previousVersion: text("previous_version"),
    /** The drift last notified (`running→deployed`), so a webhook fires once when drift starts. */
    driftNotified: text("drift_notified"),
  },
  (t) => [primaryKey({ columns: [t.service, t.environment] })],
);
