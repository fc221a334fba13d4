CREATE TABLE "builds" (
	"id" serial PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"version" text NOT NULL,
	"commit" text,
	"branch" text,
	"author" text,
	"artifact_url" text,
	"ci_url" text,
	"committed_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dark_launch_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"ts" bigint NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"endpoint" text NOT NULL,
	"primary_status" integer NOT NULL,
	"candidate_status" integer,
	"match" boolean NOT NULL,
	"primary_ms" double precision NOT NULL,
	"candidate_ms" double precision,
	"candidate_error" text,
	"diff" jsonb
);
--> statement-breakpoint
CREATE TABLE "dark_launches" (
	"service" text PRIMARY KEY NOT NULL,
	"candidate_version" text,
	"state" text DEFAULT 'running' NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"deployment_id" integer NOT NULL,
	"ts" bigint NOT NULL,
	"status" text NOT NULL,
	"instances_done" integer,
	"instances_total" integer,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" serial PRIMARY KEY NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"version" text NOT NULL,
	"previous_version" text,
	"commit" text,
	"author" text,
	"description" text,
	"kind" text DEFAULT 'deploy' NOT NULL,
	"strategy" text DEFAULT 'all-at-once' NOT NULL,
	"status" text DEFAULT 'succeeded' NOT NULL,
	"started_at" bigint NOT NULL,
	"finished_at" bigint,
	"instances_done" integer,
	"instances_total" integer,
	"rollback_of" integer,
	"reason" text,
	"links" jsonb,
	"warnings" jsonb,
	"source" text DEFAULT 'api' NOT NULL,
	"verdict_status" text DEFAULT 'pending' NOT NULL,
	"verdict" jsonb,
	"verdict_at" bigint,
	"impact" jsonb,
	"suspect" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"name" text PRIMARY KEY NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'gauge' NOT NULL,
	"unit" text,
	"first_seen" bigint NOT NULL,
	"last_seen" bigint NOT NULL,
	"last_ts" bigint NOT NULL,
	"last_value" double precision NOT NULL,
	CONSTRAINT "metrics_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "points" (
	"metric_id" integer NOT NULL,
	"ts" bigint NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "points_metric_id_ts_pk" PRIMARY KEY("metric_id","ts")
);
--> statement-breakpoint
CREATE TABLE "rollups_1h" (
	"metric_id" integer NOT NULL,
	"ts" bigint NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"sum" double precision NOT NULL,
	"count" integer NOT NULL,
	"last" double precision NOT NULL,
	"last_ts" bigint NOT NULL,
	CONSTRAINT "rollups_1h_metric_id_ts_pk" PRIMARY KEY("metric_id","ts")
);
--> statement-breakpoint
CREATE TABLE "rollups_1m" (
	"metric_id" integer NOT NULL,
	"ts" bigint NOT NULL,
	"min" double precision NOT NULL,
	"max" double precision NOT NULL,
	"sum" double precision NOT NULL,
	"count" integer NOT NULL,
	"last" double precision NOT NULL,
	"last_ts" bigint NOT NULL,
	CONSTRAINT "rollups_1m_metric_id_ts_pk" PRIMARY KEY("metric_id","ts")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"name" text PRIMARY KEY NOT NULL,
	"keep_builds" integer DEFAULT 10 NOT NULL,
	"log_url_template" text,
	"criteria" jsonb,
	"dark_launch_criteria" jsonb,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "builds_service_version" ON "builds" USING btree ("service","version");--> statement-breakpoint
CREATE INDEX "builds_service_created" ON "builds" USING btree ("service","created_at");--> statement-breakpoint
CREATE INDEX "dark_launch_samples_service_ts" ON "dark_launch_samples" USING btree ("service","ts");--> statement-breakpoint
CREATE INDEX "deployment_events_deployment" ON "deployment_events" USING btree ("deployment_id","ts");--> statement-breakpoint
CREATE INDEX "deployments_service_started" ON "deployments" USING btree ("service","started_at");--> statement-breakpoint
CREATE INDEX "deployments_started" ON "deployments" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "deployments_verdict" ON "deployments" USING btree ("verdict_status");--> statement-breakpoint
CREATE INDEX "points_ts_brin" ON "points" USING brin ("ts");