CREATE SCHEMA "events";
--> statement-breakpoint
CREATE TABLE "events"."deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_id" text NOT NULL,
	"event_seq" bigint NOT NULL,
	"ordering_key" text NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"lease_id" text,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"response_status" integer,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "events"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"certificate_id" text,
	"type_code" text,
	"issuer_code" text,
	"holder_code" text,
	"status" text,
	"actor" text,
	"title" text NOT NULL,
	"body" text,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"dispatched" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events"."webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"agency_name" text,
	"roles" text[] NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"type_codes" text[],
	"certificate_ids" text[],
	"purpose" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "events"."deliveries" USING btree ("webhook_id","next_attempt_at","id") WHERE "events"."deliveries"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "events"."deliveries" USING btree ("ordering_key","event_seq") WHERE "events"."deliveries"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "deliveries_webhook_idx" ON "events"."deliveries" USING btree ("webhook_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_event_webhook_key" ON "events"."deliveries" USING btree ("event_seq","webhook_id");--> statement-breakpoint
CREATE INDEX "events_holder_idx" ON "events"."events" USING btree ("holder_code","at","seq");--> statement-breakpoint
CREATE INDEX "events_certificate_idx" ON "events"."events" USING btree ("certificate_id","seq");--> statement-breakpoint
CREATE INDEX "events_undispatched_idx" ON "events"."events" USING btree ("seq") WHERE not "events"."events"."dispatched";--> statement-breakpoint
CREATE INDEX "webhooks_agency_idx" ON "events"."webhooks" USING btree ("agency","created_at");