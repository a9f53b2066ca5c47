CREATE SCHEMA "audit";
--> statement-breakpoint
CREATE TABLE "audit"."access_records" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"actor_kind" text NOT NULL,
	"purpose" text,
	"certificate_id" text,
	"holder_code" text,
	"fields" text[] NOT NULL,
	"request_id" text NOT NULL,
	"node" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_records_holder_idx" ON "audit"."access_records" USING btree ("holder_code","seq");--> statement-breakpoint
CREATE INDEX "access_records_certificate_idx" ON "audit"."access_records" USING btree ("certificate_id","seq");--> statement-breakpoint
CREATE INDEX "access_records_node_idx" ON "audit"."access_records" USING btree ("node","seq");