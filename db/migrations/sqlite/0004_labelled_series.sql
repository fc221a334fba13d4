DROP INDEX `metrics_name_unique`;--> statement-breakpoint
ALTER TABLE `metrics` ADD `labels` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `metrics_name_labels` ON `metrics` (`name`,`labels`);