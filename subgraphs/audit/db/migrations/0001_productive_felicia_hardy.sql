CREATE TABLE "audit"."anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"node" text NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"anchored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anchors_node_seq_hash_unique" UNIQUE("node","seq","hash")
);
--> statement-breakpoint
ALTER TABLE "audit"."access_records" ADD COLUMN "client_request_id" text;--> statement-breakpoint
ALTER TABLE "audit"."access_records" ADD COLUMN "detail" text;--> statement-breakpoint
ALTER TABLE "audit"."access_records" ADD COLUMN "key_id" text;