CREATE TYPE "legal_entity"."operating_status" AS ENUM('OPERATING', 'SUSPENDED_BUSINESS', 'LIQUIDATING');--> statement-breakpoint
CREATE TABLE "legal_entity"."annual_report_reminders" (
	"uscc" text NOT NULL,
	"year" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "annual_report_reminders_uscc_year_pk" PRIMARY KEY("uscc","year")
);
--> statement-breakpoint
CREATE TABLE "legal_entity"."annual_reports" (
	"uscc" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"employees" integer NOT NULL,
	"operating_status" "legal_entity"."operating_status" NOT NULL,
	"website" text,
	"revenue" numeric(17, 2) NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_late" boolean NOT NULL,
	"salt" text NOT NULL,
	"seal_key_id" text NOT NULL,
	"seal_signature" text NOT NULL,
	CONSTRAINT "annual_reports_uscc_year_version_pk" PRIMARY KEY("uscc","year","version")
);
--> statement-breakpoint
CREATE INDEX "annual_reports_first_filing_idx" ON "legal_entity"."annual_reports" USING btree ("year","uscc","filed_at") WHERE "legal_entity"."annual_reports"."version" = 1;--> statement-breakpoint
CREATE INDEX "legal_entities_active_idx" ON "legal_entity"."legal_entities" USING btree ("uscc" COLLATE "C","established_on") WHERE "legal_entity"."legal_entities"."status" = 'ACTIVE';--> statement-breakpoint
CREATE INDEX "legal_entities_active_region_idx" ON "legal_entity"."legal_entities" USING btree (substr("uscc", 3, 6),"uscc" COLLATE "C","established_on") WHERE "legal_entity"."legal_entities"."status" = 'ACTIVE';