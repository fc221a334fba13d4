-- points and rollups are WITHOUT ROWID (hand-added): a metric's range read is a clustered scan of (metric_id, ts).
CREATE TABLE `builds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service` text NOT NULL,
	`version` text NOT NULL,
	`commit` text,
	`branch` text,
	`author` text,
	`artifact_url` text,
	`ci_url` text,
	`committed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `builds_service_version` ON `builds` (`service`,`version`);--> statement-breakpoint
CREATE INDEX `builds_service_created` ON `builds` (`service`,`created_at`);--> statement-breakpoint
CREATE TABLE `dark_launch_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service` text NOT NULL,
	`ts` integer NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`endpoint` text NOT NULL,
	`primary_status` integer NOT NULL,
	`candidate_status` integer,
	`match` integer NOT NULL,
	`primary_ms` real NOT NULL,
	`candidate_ms` real,
	`candidate_error` text,
	`diff` text
);
--> statement-breakpoint
CREATE INDEX `dark_launch_samples_service_ts` ON `dark_launch_samples` (`service`,`ts`);--> statement-breakpoint
CREATE TABLE `dark_launches` (
	`service` text PRIMARY KEY NOT NULL,
	`candidate_version` text,
	`state` text DEFAULT 'running' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deployment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`deployment_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`status` text NOT NULL,
	`instances_done` integer,
	`instances_total` integer,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `deployment_events_deployment` ON `deployment_events` (`deployment_id`,`ts`);--> statement-breakpoint
CREATE TABLE `deployments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service` text NOT NULL,
	`environment` text NOT NULL,
	`version` text NOT NULL,
	`previous_version` text,
	`commit` text,
	`author` text,
	`description` text,
	`kind` text DEFAULT 'deploy' NOT NULL,
	`strategy` text DEFAULT 'all-at-once' NOT NULL,
	`status` text DEFAULT 'succeeded' NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`instances_done` integer,
	`instances_total` integer,
	`rollback_of` integer,
	`reason` text,
	`links` text,
	`warnings` text,
	`source` text DEFAULT 'api' NOT NULL,
	`verdict_status` text DEFAULT 'pending' NOT NULL,
	`verdict` text,
	`verdict_at` integer,
	`impact` text,
	`suspect` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `deployments_service_started` ON `deployments` (`service`,`started_at`);--> statement-breakpoint
CREATE INDEX `deployments_started` ON `deployments` (`started_at`);--> statement-breakpoint
CREATE INDEX `deployments_verdict` ON `deployments` (`verdict_status`);--> statement-breakpoint
CREATE TABLE `environments` (
	`name` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'gauge' NOT NULL,
	`unit` text,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`last_ts` integer NOT NULL,
	`last_value` real NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metrics_name_unique` ON `metrics` (`name`);--> statement-breakpoint
CREATE TABLE `points` (
	`metric_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`metric_id`, `ts`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollups_1h` (
	`metric_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`sum` real NOT NULL,
	`count` integer NOT NULL,
	`last` real NOT NULL,
	`last_ts` integer NOT NULL,
	PRIMARY KEY(`metric_id`, `ts`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `rollups_1m` (
	`metric_id` integer NOT NULL,
	`ts` integer NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`sum` real NOT NULL,
	`count` integer NOT NULL,
	`last` real NOT NULL,
	`last_ts` integer NOT NULL,
	PRIMARY KEY(`metric_id`, `ts`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `services` (
	`name` text PRIMARY KEY NOT NULL,
	`keep_builds` integer DEFAULT 10 NOT NULL,
	`log_url_template` text,
	`criteria` text,
	`dark_launch_criteria` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
