CREATE TABLE "catalog"."grants" (
	"id" text PRIMARY KEY NOT NULL,
	"agency" text NOT NULL,
	"type_code" text NOT NULL,
	"items" text[] NOT NULL,
	"purposes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE INDEX "grants_live_by_agency" ON "catalog"."grants" USING btree ("agency") WHERE "catalog"."grants"."revoked_at" is null;