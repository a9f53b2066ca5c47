ALTER TABLE "audit"."access_records" ADD COLUMN "case_number" text;--> statement-breakpoint
ALTER TABLE "audit"."access_records" ADD COLUMN "consent_id" text;