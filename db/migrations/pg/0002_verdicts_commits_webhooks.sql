CREATE TABLE "build_commits" (
	"build_id" integer NOT NULL,
	"position" integer NOT NULL,
	"sha" text NOT NULL,
	"message" text NOT NULL,
	"author" text,
	"at" bigint,
	CONSTRAINT "build_commits_build_id_position_pk" PRIMARY KEY("build_id","position")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"webhook_id" integer NOT NULL,
	"event" text NOT NULL,
	"service" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"delivered_at" bigint
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" serial PRIMARY KEY NOT NULL,
	"service" text,
	"url" text NOT NULL,
	"format" text DEFAULT 'json' NOT NULL,
	"secret" text NOT NULL,
	"events" jsonb NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dark_launches" ADD COLUMN "readiness" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "judge_error" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "judge_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "judge_retry_at" bigint;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "criteria_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "commit_url_template" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created" ON "webhook_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "deployment_events_ts" ON "deployment_events" USING btree ("ts");