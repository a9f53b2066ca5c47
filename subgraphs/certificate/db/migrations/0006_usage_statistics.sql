CREATE TABLE "certificate"."verification_counts" (
	"day" date NOT NULL,
	"type_code" text NOT NULL,
	"outcome" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "verification_counts_day_type_code_outcome_pk" PRIMARY KEY("day","type_code","outcome")
);
--> statement-breakpoint
ALTER TABLE "certificate"."certificates" ADD COLUMN "entered_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Certificates kept before this column: each version enters when its first version was created.
UPDATE "certificate"."certificates" c SET "entered_at" = f."first_at"
FROM (SELECT "issuer_code", "serial", "type_code", min("created_at") AS "first_at"
      FROM "certificate"."certificates" GROUP BY "issuer_code", "serial", "type_code") f
WHERE f."issuer_code" = c."issuer_code" AND f."serial" = c."serial" AND f."type_code" = c."type_code";
--> statement-breakpoint
-- Statistics (statistics.ts) read only these columns of current versions: counted from this index
-- alone (index-only scans), never from the table's rows. Written here rather than in schema.ts:
-- Drizzle cannot declare INCLUDE columns.
CREATE INDEX IF NOT EXISTS "certificates_statistics_idx" ON "certificate"."certificates" ("issued_on")
  INCLUDE ("type_code", "issuer_code", "origin", "status", "valid_until", "pending_status", "pending_effective_on", "entered_at")
  WHERE "superseded_at" IS NULL;
