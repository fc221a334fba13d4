CREATE TABLE `running_versions` (
	`service` text NOT NULL,
	`environment` text NOT NULL,
	`version` text NOT NULL,
	`since` integer NOT NULL,
	`last_seen` integer NOT NULL,
	`previous_version` text,
	`drift_notified` text,
	PRIMARY KEY(`service`, `environment`)
);
