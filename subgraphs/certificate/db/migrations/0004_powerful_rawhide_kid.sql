CREATE TYPE "certificate"."correction_status" AS ENUM('OPEN', 'CORRECTED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "certificate"."follow_up_cause" AS ENUM('HOLDER_RENAMED', 'HOLDER_REVOKED', 'HOLDER_CANCELLED');--> statement-breakpoint
CREATE TYPE "certificate"."follow_up_status" AS ENUM('OPEN', 'DONE');--> statement-breakpoint
ALTER TYPE "certificate"."certificate_status" ADD VALUE 'SUPERSEDED';--> statement-breakpoint
CREATE TABLE "certificate"."correction_requests" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"issuer_code" text NOT NULL,
	"holder_code" text NOT NULL,
	"reporter" text NOT NULL,
	"items" text[] NOT NULL,
	"description" text NOT NULL,
	"status" "certificate"."correction_status" DEFAULT 'OPEN' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"corrected_version" text
);
--> statement-breakpoint
CREATE TABLE "certificate"."follow_ups" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" text NOT NULL,
	"issuer_code" text NOT NULL,
	"holder_code" text NOT NULL,
	"cause" "certificate"."follow_up_cause" NOT NULL,
	"source" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"status" "certificate"."follow_up_status" DEFAULT 'OPEN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "certificate"."registry_cursors" (
	"node" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate"."certificates" DROP CONSTRAINT "certificates_type_issuer_number_unique";--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "pending_status" "certificate"."certificate_status";--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "pending_effective_on" date;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "pending_reason" text;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "pending_actor" text;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "pending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "certificate"."status_changes" ADD COLUMN "effective_on" date;--> statement-breakpoint
UPDATE "certificate"."status_changes" SET "effective_on" = ("at" AT TIME ZONE 'Asia/Shanghai')::date;--> statement-breakpoint
ALTER TABLE "certificate"."status_changes" ALTER COLUMN "effective_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate"."correction_requests" ADD CONSTRAINT "correction_requests_certificate_fk" FOREIGN KEY ("certificate_id") REFERENCES "certificate"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate"."follow_ups" ADD CONSTRAINT "follow_ups_certificate_fk" FOREIGN KEY ("certificate_id") REFERENCES "certificate"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correction_requests_issuer_idx" ON "certificate"."correction_requests" USING btree ("issuer_code","created_at","seq");--> statement-breakpoint
CREATE INDEX "correction_requests_reporter_idx" ON "certificate"."correction_requests" USING btree ("reporter","created_at","seq");--> statement-breakpoint
CREATE INDEX "correction_requests_certificate_idx" ON "certificate"."correction_requests" USING btree ("certificate_id","reporter") WHERE status = 'OPEN';--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_source_key" ON "certificate"."follow_ups" USING btree ("certificate_id","cause","source");--> statement-breakpoint
CREATE INDEX "follow_ups_issuer_idx" ON "certificate"."follow_ups" USING btree ("issuer_code","since","seq");--> statement-breakpoint
CREATE INDEX "follow_ups_open_idx" ON "certificate"."follow_ups" USING btree ("certificate_id") WHERE status = 'OPEN';--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_type_issuer_number_current" ON "certificate"."certificates" USING btree ("type_code","issuer_code","number") WHERE superseded_at IS NULL;--> statement-breakpoint
CREATE INDEX "certificates_versions_idx" ON "certificate"."certificates" USING btree ("issuer_code","serial","type_code","version");--> statement-breakpoint
CREATE INDEX "certificates_pending_idx" ON "certificate"."certificates" USING btree ("pending_effective_on") WHERE pending_status IS NOT NULL;--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD CONSTRAINT "certificates_superseded_when" CHECK ((superseded_at IS NULL) = (status::text <> 'SUPERSEDED'));