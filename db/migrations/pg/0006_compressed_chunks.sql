CREATE TABLE "point_chunks" (
	"metric_id" integer NOT NULL,
	"start_ts" bigint NOT NULL,
	"end_ts" bigint NOT NULL,
	"count" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "point_chunks_metric_id_start_ts_pk" PRIMARY KEY("metric_id","start_ts")
);
--> statement-breakpoint
ALTER TABLE "metrics" ADD COLUMN "rolled_until" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every minute rollup written so far is a stored row: reads take them up to here, and what the
-- head (`points`) still holds is sealed into chunks by the compaction job, with progress logged.
UPDATE "metrics" SET "rolled_until" = coalesce((SELECT max("ts") + 60000 FROM "rollups_1m" WHERE "metric_id" = "metrics"."id"), 0);
