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

export const metrics = pgTable("metrics", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  kind: text("kind").notNull().default("gauge"),
  unit: text("unit"),
  firstSeen: ms("first_seen").notNull(),
  lastSeen: ms("last_seen").notNull(),
  lastTs: ms("last_ts").notNull(),
  lastValue: doublePrecision("last_value").notNull(),
});

export const points = pgTable(
  "points",
  {
    metricId: integer("metric_id").notNull(),
    ts: ms("ts").notNull(),
    value: doublePrecision("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.ts] }), index("points_ts_brin").using("brin", t.ts)],
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
  (t) => [index("deployment_events_deployment").on(t.deploymentId, t.ts)],
);

export const darkLaunches = pgTable("dark_launches", {
  service: text("service").primaryKey(),
  candidateVersion: text("candidate_version"),
  state: text("state").notNull().default("running"),
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

/** Background work (rollups, verdicts, retention, demo feed) runs on the instance holding the lease. */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  owner: text("owner").notNull(),
  expiresAt: ms("expires_at").notNull(),
});
