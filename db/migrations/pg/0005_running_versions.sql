CREATE TABLE "running_versions" (
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"version" text NOT NULL,
	"since" bigint NOT NULL,
	"last_seen" bigint NOT NULL,
	"previous_version" text,
	"drift_notified" text,
	CONSTRAINT "running_versions_service_environment_pk" PRIMARY KEY("service","environment")
);
