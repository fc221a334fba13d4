CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"token_fingerprint" text NOT NULL,
	"scope" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
