ALTER TABLE "metrics" DROP CONSTRAINT "metrics_name_unique";--> statement-breakpoint
ALTER TABLE "metrics" ADD COLUMN "labels" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "metrics_name_labels" ON "metrics" USING btree ("name","labels");